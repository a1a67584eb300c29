import type { AgentRepository } from '../agents/agent.repository.ts';
import { TICKET_PRIORITIES, type TicketPriority } from '../escalation/ticket-priority.ts';
import { NO_REDACTION, type TextRedactor } from '../privacy/redaction.ts';
import { ValidationError } from '../shared/app.error.ts';
import type { Transactor } from '../store/transactor.ts';
import { ConflictError } from './conflict.error.ts';
import { OpenTicketExistsError } from './open-ticket-exists.error.ts';
import type { TicketRepository } from './ticket.repository.ts';
import { OPEN_TICKET_STATUSES, type Ticket, type TicketStatus } from './ticket.ts';
import type { EscalateInput, EscalateResult, TicketEscalation } from './ticket-escalation.ts';
import { agentActor, type TicketActor, type TicketEvent } from './ticket-event.ts';
import { requireText } from './ticket-input.ts';
import { TicketNotFoundError } from './ticket-not-found.error.ts';

function isOpenStatus(status: TicketStatus): boolean {
  return (OPEN_TICKET_STATUSES as readonly TicketStatus[]).includes(status);
}

/** An agent's change to a ticket; `version` is the one they last read. */
export interface TicketUpdate {
  readonly version: number;
  readonly status?: TicketStatus | undefined;
  readonly priority?: TicketPriority | undefined;
  /** An agent id, or null to unassign. */
  readonly assigneeId?: number | null | undefined;
}

export interface TicketCommandDeps {
  readonly transactor: Transactor;
  /** Built on `transactor.db`, like every repository here, so they join its transactions. */
  readonly tickets: TicketRepository;
  readonly agents: AgentRepository;
  readonly escalation: TicketEscalation;
  readonly clock?: (() => Date) | undefined;
  /** Masks personal data in notes, replies, customers' messages and rating comments before they are stored. */
  readonly redactor?: TextRedactor | undefined;
}

/**
 * Every change to a ticket: escalation (at most one open ticket per conversation), agents' status,
 * priority and assignee edits with optimistic concurrency, notes, replies, ratings and customer
 * messages. Each is one transaction with its append-only audit event (and its notification, if any).
 */
export class TicketCommandService {
  private readonly clock: () => Date;
  private readonly redactor: TextRedactor;

  constructor(private readonly deps: TicketCommandDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.redactor = deps.redactor ?? NO_REDACTION;
  }

  /**
   * Hands a conversation to the agents: opens its ticket or adds to its open one (see
   * {@link TicketEscalation.escalate}).
   *
   * @throws ValidationError for an unknown conversation or customer or an empty subject.
   */
  escalate(input: EscalateInput): Promise<EscalateResult> {
    return this.deps.escalation.escalate(input);
  }

  /**
   * Changes status, priority and/or assignee, if `update.version` is still current, and records
   * one event per change. Assigning a `new` ticket opens it (unless a status is given); solving
   * it sets `solvedAt`, reopening clears it.
   *
   * @throws TicketNotFoundError
   * @throws ConflictError when the ticket changed since the agent read `version`.
   * @throws OpenTicketExistsError when reopening a ticket whose conversation has another open one.
   * @throws ValidationError when nothing would change or the assignee is not an active agent.
   */
  async update(reference: string, update: TicketUpdate, agentId: number): Promise<Ticket> {
    if (update.status === undefined && update.priority === undefined && update.assigneeId === undefined) {
      throw new ValidationError('Invalid ticket update', ['give at least one of status, priority, assignee']);
    }
    if (update.priority !== undefined && !TICKET_PRIORITIES.includes(update.priority)) {
      throw new ValidationError('Invalid ticket update', [`priority: must be one of ${TICKET_PRIORITIES.join(', ')}`]);
    }
    const { tickets } = this.deps;
    return this.deps.transactor.run(async () => {
      const current = await this.require(reference);
      if (current.version !== update.version) throw new ConflictError(reference, update.version, current.version);
      if (update.assigneeId !== undefined && update.assigneeId !== null) {
        const assignee = await this.deps.agents.findById(update.assigneeId);
        if (assignee === undefined || assignee.revokedAt !== null) {
          throw new ValidationError('Invalid ticket update', [
            `assignee: there is no active agent with id ${update.assigneeId}`,
          ]);
        }
      }
      const at = this.now();
      const assigneeId = update.assigneeId === undefined ? current.assigneeId : update.assigneeId;
      const claimsNew = assigneeId !== null && assigneeId !== current.assigneeId && current.status === 'new';
      const status = update.status ?? (claimsNew ? 'open' : current.status);
      const priority = update.priority ?? current.priority;
      if (status === current.status && priority === current.priority && assigneeId === current.assigneeId)
        return current;

      if (isOpenStatus(status) && !isOpenStatus(current.status)) {
        // Reopening: the conversation's next messages go to the open ticket, so there may be only one.
        const open = await tickets.findOpenByConversation(current.conversationId);
        if (open !== undefined) throw new OpenTicketExistsError(reference, open.reference);
      }
      const solvedAt =
        status === 'solved'
          ? current.status === 'solved'
            ? current.solvedAt
            : at
          : status === 'closed'
            ? current.solvedAt
            : null;
      const updated = await tickets.updateAtVersion(current.id, current.version, {
        status,
        priority,
        assignee_id: assigneeId,
        solved_at: solvedAt,
        updated_at: at,
      });
      if (updated === undefined)
        throw new ConflictError(reference, update.version, (await this.require(reference)).version);
      const actor = agentActor(agentId);
      if (assigneeId !== current.assigneeId)
        await tickets.insertEvent(current.id, 'assigned', actor, { from: current.assigneeId, to: assigneeId }, at);
      if (status !== current.status)
        await tickets.insertEvent(current.id, 'status_changed', actor, { from: current.status, to: status }, at);
      if (priority !== current.priority)
        await tickets.insertEvent(current.id, 'priority_changed', actor, { from: current.priority, to: priority }, at);
      return updated;
    });
  }

  /**
   * Adds an internal note: an event of type `note`, for agents only, never sent to the customer.
   *
   * @throws TicketNotFoundError
   * @throws ValidationError for an empty or overlong text.
   */
  addNote(reference: string, agentId: number, text: string): Promise<TicketEvent> {
    return this.appendEvent(reference, 'note', agentActor(agentId), { text: requireText(text) });
  }

  /**
   * Records that an agent replied to the customer (the reply itself travels through the bot); the
   * first reply sets `firstResponseAt`.
   */
  recordReply(reference: string, agentId: number, text: string): Promise<TicketEvent> {
    return this.appendEvent(reference, 'reply', agentActor(agentId), { text: requireText(text) });
  }

  /**
   * Stores the customer's satisfaction rating (a whole number 1–5) and optional comment, with a
   * `csat` event. A later rating replaces an earlier one.
   *
   * @throws ValidationError for a rating outside 1–5.
   */
  async recordCsat(reference: string, rating: number, comment: string | null): Promise<void> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      throw new ValidationError('Invalid rating', [`rating: must be a whole number from 1 to 5 (got ${rating})`]);
    }
    const text = comment?.trim() ? this.redactor.redact(comment.trim().slice(0, 2000)).text : null;
    await this.deps.transactor.run(async () => {
      const ticket = await this.require(reference);
      const at = this.now();
      await this.deps.tickets.setCsat(ticket.id, rating, text, at);
      await this.deps.tickets.insertEvent(ticket.id, 'csat', 'customer', { rating, comment: text }, at);
    });
  }

  /** Records that the satisfaction survey was put to the customer in the ticket's chat (a `csat_sent` event). */
  async recordCsatSent(reference: string): Promise<void> {
    await this.deps.transactor.run(async () => {
      const ticket = await this.require(reference);
      await this.deps.tickets.insertEvent(ticket.id, 'csat_sent', 'bot', {}, this.now());
    });
  }

  /**
   * An internal note from the bot (what it learned that the agent should know); not shown to the
   * customer. Not redacted: it is the bot's own wording, and when it names an email the customer
   * gave that could not be linked to their record, it is where that address is kept for the agent,
   * as the CRM field keeps a linked one.
   */
  addBotNote(reference: string, text: string): Promise<TicketEvent> {
    return this.appendEvent(reference, 'note', 'bot', { text: requireText(text) }, false);
  }

  /**
   * Adds a customer's message (feedback record `messageId`, when stored) to the conversation's open
   * ticket; `undefined` when it has none.
   * The ticket is read once (every message of a live handoff comes here).
   */
  recordCustomerMessage(conversationId: string, text: string, messageId?: number): Promise<TicketEvent | undefined> {
    return this.deps.transactor.run(async () => {
      const open = await this.deps.tickets.findOpenByConversation(conversationId);
      if (open === undefined) return undefined;
      // The feedback record's id says which message this is a copy of (an agent's redaction finds it by it).
      const data = { text: requireText(text), ...(messageId === undefined ? {} : { messageId }) };
      return this.insertEventOn(open, 'customer_message', 'customer', data);
    });
  }

  private appendEvent(
    reference: string,
    type: 'note' | 'reply' | 'customer_message',
    actor: TicketActor,
    data: Record<string, unknown>,
    redact = true,
  ): Promise<TicketEvent> {
    return this.deps.transactor.run(async () =>
      this.insertEventOn(await this.require(reference), type, actor, data, redact),
    );
  }

  /**
   * The event (its `text` redacted unless `redact` is false) and the ticket's new `updated_at`
   * (and first response); inside the caller's transaction.
   */
  private async insertEventOn(
    ticket: Ticket,
    type: 'note' | 'reply' | 'customer_message',
    actor: TicketActor,
    data: Record<string, unknown>,
    redact = true,
  ): Promise<TicketEvent> {
    const at = this.now();
    const stored =
      redact && typeof data.text === 'string' ? { ...data, text: this.redactor.redact(data.text).text } : data;
    const event = await this.deps.tickets.insertEvent(ticket.id, type, actor, stored, at);
    await this.deps.tickets.touch(ticket.id, {
      updated_at: at,
      ...(type === 'reply' && ticket.firstResponseAt === null ? { first_response_at: at } : {}),
    });
    return event;
  }

  private async require(reference: string): Promise<Ticket> {
    const ticket = await this.deps.tickets.findByReference(reference);
    if (ticket === undefined) throw new TicketNotFoundError(reference);
    return ticket;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
