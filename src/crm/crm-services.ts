import { AgentRepository } from '../agents/agent.repository.ts';
import { AgentService } from '../agents/agent.service.ts';
import type { SignInFailureLog } from '../agents/sign-in-failure.ts';
import { ConversationRepository } from '../conversations/conversation.repository.ts';
import { FeedbackService } from '../conversations/feedback.service.ts';
import { CustomerRepository } from '../customers/customer.repository.ts';
import { CustomerService } from '../customers/customer.service.ts';
import { HandoffRepository } from '../handoff/handoff.repository.ts';
import { LiveHandoffService } from '../handoff/live-handoff.service.ts';
import { NotificationRepository } from '../notifications/notification.repository.ts';
import { TicketNotifier } from '../notifications/ticket-notifier.ts';
import type { TextRedactor } from '../privacy/redaction.ts';
import type { Db } from '../store/database.ts';
import { SequenceRepository } from '../store/sequence.repository.ts';
import { Transactor } from '../store/transactor.ts';
import type { OfferedActionsReader } from '../tickets/offered-actions.port.ts';
import { TicketRepository } from '../tickets/ticket.repository.ts';
import { TicketCommandService } from '../tickets/ticket-command.service.ts';
import { TicketEscalation } from '../tickets/ticket-escalation.ts';
import { TicketQueryService } from '../tickets/ticket-query.service.ts';

export interface CrmOptions {
  readonly clock?: (() => Date) | undefined;
  /** Called after a commit that queued a notification (wakes the webhook worker); must not throw. */
  readonly onNotification?: (() => void) | undefined;
  /** Where the ticket view reads the buttons the bot's messages offered (the Direct Line transcript). */
  readonly offeredActions?: OfferedActionsReader | undefined;
  /** Masks personal data in what customers and agents write before it is stored (default: nothing masked). */
  readonly redactor?: TextRedactor | undefined;
  /**
   * The transactor to build on (default: a new one on `db`). The composition root shares one with
   * the bot state and the Direct Line transcript, so a Direct Line turn's writes are one transaction.
   */
  readonly transactor?: Transactor | undefined;
  /** Told of every agent or admin token refused on a request (the audit trail's failed sign-ins). */
  readonly signInFailures?: SignInFailureLog | undefined;
}

/** The CRM's services over one database, sharing one transactor so their writes can be atomic together. */
export interface CrmServices {
  readonly feedback: FeedbackService;
  readonly customers: CustomerService;
  /** Every ticket change: escalation, agent edits, notes, replies, ratings, customer messages. */
  readonly tickets: TicketCommandService;
  /** The queue, one ticket, a ticket's detail. */
  readonly ticketQueries: TicketQueryService;
  readonly handoffs: LiveHandoffService;
  /** Agents and their bearer tokens. */
  readonly agents: AgentService;
}

/**
 * Builds the repositories (each table's one owner) on one {@link Transactor} and hands them to the
 * CRM's services through their constructors. The composition root and the tests both use it, so
 * there is one wiring of the ticket hub.
 */
export function createCrmServices(db: Db, options: CrmOptions = {}): CrmServices {
  const transactor = options.transactor ?? new Transactor(db);
  const repositories = {
    tickets: new TicketRepository(transactor.db),
    conversations: new ConversationRepository(transactor.db),
    customers: new CustomerRepository(transactor.db),
    agents: new AgentRepository(transactor.db),
    sequences: new SequenceRepository(transactor.db),
    notifications: new NotificationRepository(transactor.db),
    handoffs: new HandoffRepository(transactor.db),
  };
  const { clock } = options;
  const notifier = new TicketNotifier({
    notifications: repositories.notifications,
    conversations: repositories.conversations,
    // A ticket change inside a Direct Line turn commits with the turn: wake the worker after that.
    onQueued: () => transactor.afterCommit(() => options.onNotification?.()),
  });
  const escalation = new TicketEscalation({ transactor, ...repositories, notifier, clock });
  const tickets = new TicketCommandService({
    transactor,
    tickets: repositories.tickets,
    agents: repositories.agents,
    escalation,
    clock,
    redactor: options.redactor,
  });
  const ticketQueries = new TicketQueryService({ ...repositories, offeredActions: options.offeredActions });
  return {
    agents: new AgentService({
      transactor,
      agents: repositories.agents,
      clock,
      signInFailures: options.signInFailures,
    }),
    feedback: new FeedbackService({
      transactor,
      conversations: repositories.conversations,
      customers: repositories.customers,
      redactor: options.redactor,
    }),
    customers: new CustomerService({
      transactor,
      customers: repositories.customers,
      customerRecords: [repositories.conversations, repositories.tickets],
    }),
    tickets,
    ticketQueries,
    handoffs: new LiveHandoffService({ handoffs: repositories.handoffs, ticketQueries, tickets, clock }),
  };
}
