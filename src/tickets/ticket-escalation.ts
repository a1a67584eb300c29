import type { ConversationRepository } from '../conversations/conversation.repository.ts';
import type { CustomerRepository } from '../customers/customer.repository.ts';
import type { EscalationReason } from '../escalation/escalation-policy.ts';
import { higherPriority, type TicketPriority } from '../escalation/ticket-priority.ts';
import { ValidationError } from '../shared/app.error.ts';
import type { SequenceRepository } from '../store/sequence.repository.ts';
import type { Transactor } from '../store/transactor.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';
import { ConflictError } from './conflict.error.ts';
import type { TicketRepository } from './ticket.repository.ts';
import type { Ticket } from './ticket.ts';
import { normalizeCategory, normalizeSubject } from './ticket-input.ts';
import type { TicketNotifications } from './ticket-notifications.ts';

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

export interface TicketEscalationDeps {
  readonly transactor: Transactor;
  /** Built on `transactor.db`, so an escalation's ticket, event and notification commit together. */
  readonly tickets: TicketRepository;
  readonly conversations: ConversationRepository;
  readonly customers: CustomerRepository;
  readonly sequences: SequenceRepository;
  readonly notifier: TicketNotifications;
  readonly clock?: (() => Date) | undefined;
}

const REFERENCE_SEQUENCE = 'ticket_reference';

/**
 * Escalation on the CRM side: opens the conversation's ticket (at most one open per conversation)
 * or adds to its open one, with its audit event and agent notification in one transaction.
 */
export class TicketEscalation {
  private readonly clock: () => Date;

  constructor(private readonly deps: TicketEscalationDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Creates the conversation's ticket with a `created` event and a `ticket.created` notification,
   * all in one transaction; if the conversation already has an open ticket, adds an
   * `escalated_again` event to it instead and raises its priority when the new one is higher
   * (which also notifies the agents). Wakes the webhook worker after a commit that notified.
   *
   * @throws ValidationError for an unknown conversation or customer or an empty subject.
   */
  async escalate(input: EscalateInput): Promise<EscalateResult> {
    const subject = normalizeSubject(input.subject);
    const category = normalizeCategory(input.category);
    const attempt = () =>
      this.deps.transactor.run(() => this.apply(input, subject, category, this.clock().toISOString()));
    let result: Awaited<ReturnType<typeof attempt>>;
    try {
      result = await attempt();
    } catch (error) {
      // Another server opened the conversation's ticket between our read and our insert: join it.
      if (!isUniqueViolation(error)) throw error;
      result = await attempt();
    }
    if (result.notified) this.deps.notifier.wake();
    return result.value;
  }

  /** The writes, inside `escalate`'s transaction; `notified` says whether a notification was queued. */
  private async apply(
    input: EscalateInput,
    subject: string,
    category: string | null,
    at: string,
  ): Promise<{ value: EscalateResult; notified: boolean }> {
    const { tickets, notifier } = this.deps;
    const conversationCustomer = await this.deps.conversations.conversationCustomer(input.conversationId);
    if (conversationCustomer === undefined) {
      throw new ValidationError('Invalid escalation', [
        `conversationId: there is no conversation "${input.conversationId}"`,
      ]);
    }
    // The conversation's customer is current even if the one the caller holds was merged away since.
    const customer = await this.deps.customers.findById(conversationCustomer ?? input.customerId);
    if (customer === undefined)
      throw new ValidationError('Invalid escalation', [`customerId: there is no customer ${input.customerId}`]);

    const open = await tickets.findOpenByConversation(input.conversationId);
    if (open !== undefined) {
      const priority = higherPriority(open.priority, input.priority);
      const event = await tickets.insertEvent(
        open.id,
        'escalated_again',
        'bot',
        { reason: input.reason, priority: input.priority, previousPriority: open.priority, subject },
        at,
      );
      if (priority === open.priority) {
        await tickets.touch(open.id, { updated_at: at });
        return { value: { ticket: { ...open, updatedAt: at }, created: false }, notified: false };
      }
      const updated = await tickets.updateAtVersion(open.id, open.version, { priority, updated_at: at });
      if (updated === undefined) throw new ConflictError(open.reference, open.version, open.version + 1);
      await notifier.queue('ticket.priority_raised', updated, customer, event.id, at);
      return { value: { ticket: updated, created: false }, notified: true };
    }

    const number = await this.deps.sequences.next(REFERENCE_SEQUENCE);
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
    const event = await tickets.insertEvent(
      ticket.id,
      'created',
      'bot',
      { reason: input.reason, priority: input.priority, subject, category },
      at,
    );
    await notifier.queue('ticket.created', ticket, customer, event.id, at);
    return { value: { ticket, created: true }, notified: true };
  }
}
