import { AgentRepository } from '../agents/agent.repository.ts';
import { ConversationRepository } from '../conversations/conversation.repository.ts';
import { CustomerRepository } from '../customers/customer.repository.ts';
import type { EscalationReason } from '../escalation/escalation-policy.ts';
import { NotificationRepository } from '../notifications/notification.repository.ts';
import type { NotificationEvent } from '../notifications/notification.ts';
import { notificationKey, RECENT_MESSAGES_IN_NOTIFICATION, ticketNotification } from '../notifications/ticket-notification.ts';
import { ValidationError } from '../shared/app-error.ts';
import type { Db } from '../store/database.ts';
import { SequenceRepository } from '../store/sequence.repository.ts';
import { ConflictError } from './conflict.error.ts';
import type { Ticket, TicketStatus } from './ticket.ts';
import { MAX_OTHER_TICKETS, type TicketDetail } from './ticket-detail.ts';
import type { TicketListItem } from './ticket-list-item.ts';
import { agentActor, type TicketActor, type TicketEvent } from './ticket-event.ts';
import { normalizeCategory, normalizeSubject, requireText } from './ticket-input.ts';
import { TicketNotFoundError } from './ticket-not-found.error.ts';
import { higherPriority, TICKET_PRIORITIES, type TicketPriority } from './ticket-priority.ts';
import { TicketRepository, type TicketFilter } from './ticket.repository.ts';

export interface EscalateInput {
  readonly conversationId: string;
  readonly customerId: number;
  readonly reason: EscalationReason;
  readonly priority: TicketPriority;
  /** The first complaint or question, in the customer's words; cut to one line of 200 characters. */
  readonly subject: string;
  readonly category?: string | null | undefined;
}

/** The conversation's open ticket, and whether this call created it. */
export interface EscalateResult {
  readonly ticket: Ticket;
  readonly created: boolean;
}

/** An agent's change to a ticket; `version` is the one they last read. */
export interface TicketUpdate {
  readonly version: number;
  readonly status?: TicketStatus | undefined;
  readonly priority?: TicketPriority | undefined;
  /** An agent id, or null to unassign. */
  readonly assigneeId?: number | null | undefined;
}

export interface TicketServiceOptions {
  readonly clock?: () => Date;
  /** Called after a transaction queued a notification (wakes the webhook worker); must not throw. */
  readonly onNotification?: () => void;
}

const REFERENCE_SEQUENCE = 'ticket_reference';

/**
 * The CRM side of escalation: opens tickets (at most one open per conversation), keeps their
 * append-only audit trail, queues agent notifications in the same transaction as the change, and
 * serves the agents' queue with optimistic concurrency on every edit.
 */
export class TicketService {
  private readonly tickets: TicketRepository;
  private readonly clock: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: TicketServiceOptions = {},
  ) {
    this.tickets = new TicketRepository(db);
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Hands a conversation to the agents. Creates its ticket with a `created` event and a
   * `ticket.created` notification, all in one transaction; if the conversation already has an
   * open ticket, adds an `escalated_again` event to it instead and raises its priority when the
   * new one is higher (which also notifies the agents).
   *
   * @throws ValidationError for an unknown conversation or customer or an empty subject.
   */
  async escalate(input: EscalateInput): Promise<EscalateResult> {
    const subject = normalizeSubject(input.subject);
    const category = normalizeCategory(input.category);
    let result: { value: EscalateResult; notified: boolean };
    try {
      result = await this.db.transaction().execute((trx) => this.escalateIn(trx, input, subject, category));
    } catch (error) {
      // Another server opened the conversation's ticket between our read and our insert: join it.
      if (!isUniqueViolation(error)) throw error;
      result = await this.db.transaction().execute((trx) => this.escalateIn(trx, input, subject, category));
    }
    if (result.notified) this.notify();
    return result.value;
  }

  private async escalateIn(
    trx: Db,
    input: EscalateInput,
    subject: string,
    category: string | null,
  ): Promise<{ value: EscalateResult; notified: boolean }> {
    const at = this.clock().toISOString();
    const tickets = new TicketRepository(trx);
    const conversationCustomer = await new ConversationRepository(trx).conversationCustomer(input.conversationId);
    if (conversationCustomer === undefined) {
      throw new ValidationError('Invalid escalation', [`conversationId: there is no conversation "${input.conversationId}"`]);
    }
    // The conversation's customer is current even if the one the caller holds was merged away since.
    const customer = await new CustomerRepository(trx).findById(conversationCustomer ?? input.customerId);
    if (customer === undefined) throw new ValidationError('Invalid escalation', [`customerId: there is no customer ${input.customerId}`]);

    const open = await tickets.findOpenByConversation(input.conversationId);
    if (open !== undefined) {
      const priority = higherPriority(open.priority, input.priority);
      const raised = priority !== open.priority;
      const event = await tickets.insertEvent(
        open.id,
        'escalated_again',
        'bot',
        { reason: input.reason, priority: input.priority, previousPriority: open.priority, subject },
        at,
      );
      if (!raised) {
        await tickets.touch(open.id, { updated_at: at });
        return { value: { ticket: { ...open, updatedAt: at }, created: false }, notified: false };
      }
      const updated = await tickets.updateAtVersion(open.id, open.version, { priority, updated_at: at });
      if (updated === undefined) throw new ConflictError(open.reference, open.version, open.version + 1);
      await this.enqueue(trx, 'ticket.priority_raised', updated, customer, event, at);
      return { value: { ticket: updated, created: false }, notified: true };
    }

    const number = await new SequenceRepository(trx).next(REFERENCE_SEQUENCE);
    const ticket = await tickets.insert({
      reference: `T-${number}`,
      conversation_id: input.conversationId,
      customer_id: customer.id,
      subject,
      category,
      priority: input.priority,
      status: 'new',
      reason: input.reason,
      assignee_id: null,
      created_at: at,
      updated_at: at,
      first_response_at: null,
      solved_at: null,
      csat_rating: null,
      csat_comment: null,
      version: 1,
    });
    const event = await tickets.insertEvent(ticket.id, 'created', 'bot', { reason: input.reason, priority: input.priority, subject, category }, at);
    await this.enqueue(trx, 'ticket.created', ticket, customer, event, at);
    return { value: { ticket, created: true }, notified: true };
  }

  private async enqueue(
    trx: Db,
    kind: NotificationEvent,
    ticket: Ticket,
    customer: Parameters<typeof ticketNotification>[2],
    event: TicketEvent,
    at: string,
  ): Promise<void> {
    const recent = await new TicketRepository(trx).recentCustomerMessages(ticket.conversationId, RECENT_MESSAGES_IN_NOTIFICATION);
    const payload = ticketNotification(kind, ticket, customer, recent, at);
    await new NotificationRepository(trx).enqueue(ticket.id, payload, notificationKey(ticket.reference, kind, event.id), at);
  }

  private notify(): void {
    try {
      this.options.onNotification?.();
    } catch {
      // A notification hook must never fail the customer's turn; the worker polls anyway.
    }
  }

  /** The agents' queue: urgent first, then oldest first. */
  list(filter: TicketFilter, page: { limit: number; offset: number }): Promise<{ tickets: TicketListItem[]; total: number }> {
    return this.tickets.list(filter, page.limit, page.offset);
  }

  /** The conversation's open ticket, if it is handed off right now. */
  openTicketOf(conversationId: string): Promise<Ticket | undefined> {
    return this.tickets.findOpenByConversation(conversationId);
  }

  /**
   * A ticket with its customer, audit trail, full transcript, the customer's other tickets and the
   * names of the agents it mentions.
   *
   * @throws TicketNotFoundError
   */
  async get(reference: string): Promise<TicketDetail> {
    const ticket = await this.require(this.tickets, reference);
    const [customer, events, transcript, otherTickets] = await Promise.all([
      new CustomerRepository(this.db).findById(ticket.customerId),
      this.tickets.events(ticket.id),
      this.tickets.transcript(ticket.conversationId),
      this.tickets.otherTicketsOf(ticket.customerId, ticket.id, MAX_OTHER_TICKETS),
    ]);
    const agents = await this.tickets.agentNames(mentionedAgents(ticket, events));
    return { ticket, customer: customer ?? null, events, transcript, otherTickets, agents };
  }

  /**
   * Changes status, priority and/or assignee, if `update.version` is still current, and records
   * one event per change. Assigning a `new` ticket opens it (unless a status is given); solving
   * it sets `solvedAt`, reopening clears it.
   *
   * @throws TicketNotFoundError
   * @throws ConflictError when the ticket changed since the agent read `version`.
   * @throws ValidationError when nothing would change or the assignee is not an active agent.
   */
  async update(reference: string, update: TicketUpdate, agentId: number): Promise<Ticket> {
    if (update.status === undefined && update.priority === undefined && update.assigneeId === undefined) {
      throw new ValidationError('Invalid ticket update', ['give at least one of status, priority, assignee']);
    }
    if (update.priority !== undefined && !TICKET_PRIORITIES.includes(update.priority)) {
      throw new ValidationError('Invalid ticket update', [`priority: must be one of ${TICKET_PRIORITIES.join(', ')}`]);
    }
    return this.db.transaction().execute(async (trx) => {
      const tickets = new TicketRepository(trx);
      const current = await this.require(tickets, reference);
      if (current.version !== update.version) throw new ConflictError(reference, update.version, current.version);
      if (update.assigneeId !== undefined && update.assigneeId !== null) {
        const assignee = await new AgentRepository(trx).findById(update.assigneeId);
        if (assignee === undefined || assignee.revokedAt !== null) {
          throw new ValidationError('Invalid ticket update', [`assignee: there is no active agent with id ${update.assigneeId}`]);
        }
      }
      const at = this.clock().toISOString();
      const assigneeId = update.assigneeId === undefined ? current.assigneeId : update.assigneeId;
      const claimsNew = assigneeId !== null && assigneeId !== current.assigneeId && current.status === 'new';
      const status = update.status ?? (claimsNew ? 'open' : current.status);
      const priority = update.priority ?? current.priority;
      if (status === current.status && priority === current.priority && assigneeId === current.assigneeId) return current;

      const solvedAt = status === 'solved' ? (current.status === 'solved' ? current.solvedAt : at) : status === 'closed' ? current.solvedAt : null;
      const updated = await tickets.updateAtVersion(current.id, current.version, {
        status,
        priority,
        assignee_id: assigneeId,
        solved_at: solvedAt,
        updated_at: at,
      });
      if (updated === undefined) {
        const latest = await this.require(tickets, reference);
        throw new ConflictError(reference, update.version, latest.version);
      }
      const actor = agentActor(agentId);
      if (assigneeId !== current.assigneeId) await tickets.insertEvent(current.id, 'assigned', actor, { from: current.assigneeId, to: assigneeId }, at);
      if (status !== current.status) await tickets.insertEvent(current.id, 'status_changed', actor, { from: current.status, to: status }, at);
      if (priority !== current.priority) await tickets.insertEvent(current.id, 'priority_changed', actor, { from: current.priority, to: priority }, at);
      return updated;
    });
  }

  /**
   * Adds an internal note: an event of type `note`, for agents only, never sent to the customer.
   *
   * @throws TicketNotFoundError
   * @throws ValidationError for an empty or overlong text.
   */
  async addNote(reference: string, agentId: number, text: string): Promise<TicketEvent> {
    return this.appendEvent(reference, 'note', agentActor(agentId), { text: requireText(text) });
  }

  /**
   * Records that an agent replied to the customer (the reply itself travels through the bot); the
   * first reply sets `firstResponseAt`.
   */
  async recordReply(reference: string, agentId: number, text: string): Promise<TicketEvent> {
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
    const text = comment?.trim() ? comment.trim().slice(0, 2000) : null;
    await this.db.transaction().execute(async (trx) => {
      const tickets = new TicketRepository(trx);
      const ticket = await this.require(tickets, reference);
      const at = this.clock().toISOString();
      await tickets.setCsat(ticket.id, rating, text, at);
      await tickets.insertEvent(ticket.id, 'csat', 'customer', { rating, comment: text }, at);
    });
  }

  /** Adds a customer's message to the conversation's open ticket; `undefined` when it has none. */
  async recordCustomerMessage(conversationId: string, text: string): Promise<TicketEvent | undefined> {
    const open = await this.tickets.findOpenByConversation(conversationId);
    if (open === undefined) return undefined;
    return this.appendEvent(open.reference, 'customer_message', 'customer', { text: requireText(text) });
  }

  private async appendEvent(reference: string, type: 'note' | 'reply' | 'customer_message', actor: TicketActor, data: Record<string, unknown>): Promise<TicketEvent> {
    return this.db.transaction().execute(async (trx) => {
      const tickets = new TicketRepository(trx);
      const ticket = await this.require(tickets, reference);
      const at = this.clock().toISOString();
      const event = await tickets.insertEvent(ticket.id, type, actor, data, at);
      await tickets.touch(ticket.id, {
        updated_at: at,
        ...(type === 'reply' && ticket.firstResponseAt === null ? { first_response_at: at } : {}),
      });
      return event;
    });
  }

  private async require(tickets: TicketRepository, reference: string): Promise<Ticket> {
    const ticket = await tickets.findByReference(reference);
    if (ticket === undefined) throw new TicketNotFoundError(reference);
    return ticket;
  }
}

/** The assignee and every agent who acted on the ticket. */
function mentionedAgents(ticket: Ticket, events: readonly TicketEvent[]): number[] {
  const ids = new Set<number>();
  if (ticket.assigneeId !== null) ids.add(ticket.assigneeId);
  for (const event of events) {
    const id = /^agent:(\d+)$/.exec(event.actor)?.[1];
    if (id !== undefined) ids.add(Number(id));
    if (event.type === 'assigned') {
      for (const value of [event.data.from, event.data.to]) if (typeof value === 'number') ids.add(value);
    }
  }
  return [...ids];
}

/** SQLite's and PostgreSQL's unique-constraint errors. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return code === '23505' || /UNIQUE constraint failed/.test(error.message);
}
