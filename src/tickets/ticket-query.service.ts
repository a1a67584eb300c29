import type { AgentRepository } from '../agents/agent.repository.ts';
import type { ConversationRepository } from '../conversations/conversation.repository.ts';
import type { FeedbackRecord } from '../conversations/feedback-record.ts';
import type { CustomerRepository } from '../customers/customer.repository.ts';
import type { OfferedActionsReader } from './offered-actions.port.ts';
import type { TicketFilter, TicketRepository } from './ticket.repository.ts';
import type { Ticket } from './ticket.ts';
import { MAX_OTHER_TICKETS, type TicketDetail } from './ticket-detail.ts';
import type { TicketEvent } from './ticket-event.ts';
import type { TicketListItem } from './ticket-list-item.ts';
import { TicketNotFoundError } from './ticket-not-found.error.ts';
import { transcriptMessageOf } from './transcript-message.ts';

export interface TicketQueryDeps {
  readonly tickets: TicketRepository;
  readonly customers: CustomerRepository;
  readonly conversations: ConversationRepository;
  readonly agents: AgentRepository;
  /** The buttons the bot's messages offered; without it the transcript shows none. */
  readonly offeredActions?: OfferedActionsReader | undefined;
}

/** What agents and the bot read about tickets: the queue, one ticket, a ticket's full detail. Writes nothing. */
export class TicketQueryService {
  constructor(private readonly deps: TicketQueryDeps) {}

  /** The agents' queue: urgent first, then oldest first. */
  list(
    filter: TicketFilter,
    page: { limit: number; offset: number },
  ): Promise<{ tickets: TicketListItem[]; total: number }> {
    return this.deps.tickets.list(filter, page.limit, page.offset);
  }

  /** The conversation's open ticket, if it is handed off right now. */
  openTicketOf(conversationId: string): Promise<Ticket | undefined> {
    return this.deps.tickets.findOpenByConversation(conversationId);
  }

  /**
   * The ticket alone (one statement): what a command needs before it acts.
   *
   * @throws TicketNotFoundError
   */
  async byReference(reference: string): Promise<Ticket> {
    const ticket = await this.deps.tickets.findByReference(reference);
    if (ticket === undefined) throw new TicketNotFoundError(reference);
    return ticket;
  }

  /**
   * A ticket with its customer, audit trail, full transcript (chat messages only), the customer's
   * other tickets and the names of the agents it mentions.
   *
   * @throws TicketNotFoundError
   */
  async get(reference: string): Promise<TicketDetail> {
    const ticket = await this.byReference(reference);
    const [customer, events, records, otherTickets] = await Promise.all([
      this.deps.customers.findById(ticket.customerId),
      this.deps.tickets.events(ticket.id),
      this.deps.conversations.transcript(ticket.conversationId, { messagesOnly: true }),
      this.deps.tickets.otherTicketsOf(ticket.customerId, ticket.id, MAX_OTHER_TICKETS),
    ]);
    const [agents, offered] = await Promise.all([
      this.deps.agents.names(mentionedAgents(ticket, events)),
      this.offeredIn(ticket.conversationId, records),
    ]);
    return {
      ticket,
      customer: customer ?? null,
      events,
      transcript: records.map((r) => transcriptMessageOf(r, (r.activityId && offered.get(r.activityId)) || [])),
      otherTickets,
      agents,
    };
  }

  /** The buttons of the bot's messages among `records`, by activity id. */
  private async offeredIn(
    conversationId: string,
    records: readonly FeedbackRecord[],
  ): Promise<ReadonlyMap<string, readonly string[]>> {
    const ids = records.flatMap((r) => (r.author === 'bot' && r.activityId !== null ? [r.activityId] : []));
    if (ids.length === 0 || this.deps.offeredActions === undefined) return new Map();
    return this.deps.offeredActions.offeredActions(conversationId, ids);
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
