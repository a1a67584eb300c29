import type { TicketCommandService } from '../tickets/ticket-command.service.ts';
import type { TicketQueryService } from '../tickets/ticket-query.service.ts';
import type { HandoffRepository } from './handoff.repository.ts';
import type { Handoff } from './handoff.ts';

export interface LiveHandoffDeps {
  readonly handoffs: HandoffRepository;
  readonly ticketQueries: TicketQueryService;
  readonly tickets: TicketCommandService;
  readonly clock?: (() => Date) | undefined;
}

/**
 * The live-chat side of escalation, without botbuilder: which conversations a person has taken
 * over, what the customer says meanwhile (it goes to the ticket), and the state changes that the
 * bot announces with `handoff.status` events.
 */
export class LiveHandoffService {
  private readonly handoffs: HandoffRepository;
  private readonly clock: () => Date;

  constructor(private readonly deps: LiveHandoffDeps) {
    this.handoffs = deps.handoffs;
    this.clock = deps.clock ?? (() => new Date());
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Starts the live handoff of a ticket's conversation (after `handoff.initiate`). */
  async start(reference: string): Promise<Handoff> {
    const ticket = await this.deps.ticketQueries.byReference(reference);
    return this.handoffs.start(ticket.id, ticket.conversationId, this.now());
  }

  /** The conversation's live handoff (pending or accepted), if any: the bot must stay silent. */
  live(conversationId: string): Promise<Handoff | undefined> {
    return this.handoffs.live(conversationId);
  }

  byTicket(ticketId: number): Promise<Handoff | undefined> {
    return this.handoffs.byTicket(ticketId);
  }

  /** Adds what the customer said (feedback record `messageId`) to the open ticket; false when the conversation has none. */
  async forwardCustomerMessage(conversationId: string, text: string, messageId?: number): Promise<boolean> {
    if (text.trim() === '') return true;
    return (await this.deps.tickets.recordCustomerMessage(conversationId, text, messageId)) !== undefined;
  }

  /** An agent claimed the ticket: `pending` → `accepted`. Undefined when it was not pending. */
  accept(ticketId: number, agentId: number): Promise<Handoff | undefined> {
    return this.handoffs.transition(ticketId, ['pending'], 'accepted', this.now(), agentId);
  }

  /** The ticket was solved: the bot takes the conversation back. Undefined when it was not live. */
  complete(ticketId: number): Promise<Handoff | undefined> {
    return this.handoffs.transition(ticketId, ['pending', 'accepted'], 'completed', this.now());
  }

  /** Marks as failed every handoff still pending after `timeoutMs`, and returns them. */
  async failOverdue(timeoutMs: number): Promise<Handoff[]> {
    const before = new Date(this.clock().getTime() - timeoutMs).toISOString();
    const failed: Handoff[] = [];
    for (const handoff of await this.handoffs.pendingSince(before)) {
      const changed = await this.handoffs.transition(handoff.ticketId, ['pending'], 'failed', this.now());
      if (changed !== undefined) failed.push(changed);
    }
    return failed;
  }
}
