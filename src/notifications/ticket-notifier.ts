import type { ConversationRepository } from '../conversations/conversation.repository.ts';
import type { Customer } from '../customers/customer.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { TicketNotifications } from '../tickets/ticket-notifications.ts';
import type { NotificationRepository } from './notification.repository.ts';
import type { NotificationEvent } from './notification.ts';
import { notificationKey, RECENT_MESSAGES_IN_NOTIFICATION, ticketNotification } from './ticket-notification.ts';

export interface TicketNotifierDeps {
  readonly notifications: NotificationRepository;
  readonly conversations: ConversationRepository;
  /** Called by `wake` (the webhook worker's `notify`); must not throw, and is guarded anyway. */
  readonly onQueued?: (() => void) | undefined;
}

/**
 * Queues the agents' webhook notifications about tickets into the outbox. `queue` writes through
 * repositories on the transactor, so called inside a ticket change's transaction it commits or
 * rolls back with that change; `wake` tells the worker after the commit.
 */
export class TicketNotifier implements TicketNotifications {
  constructor(private readonly deps: TicketNotifierDeps) {}

  /**
   * Queues `kind` about `ticket` as it is now, quoting the customer's latest messages; its
   * idempotency key comes from the ticket event it announces, so it is stable across retries.
   */
  async queue(
    kind: NotificationEvent,
    ticket: Ticket,
    customer: Customer | undefined,
    ticketEventId: number,
    at: string,
  ): Promise<void> {
    const recent = await this.deps.conversations.recentCustomerTexts(
      ticket.conversationId,
      RECENT_MESSAGES_IN_NOTIFICATION,
    );
    const payload = ticketNotification(kind, ticket, customer, recent, at);
    await this.deps.notifications.enqueue(
      ticket.id,
      payload,
      notificationKey(ticket.reference, kind, ticketEventId),
      at,
    );
  }

  /** Wakes the webhook worker after a commit that queued something. Never throws. */
  wake(): void {
    try {
      this.deps.onQueued?.();
    } catch {
      // A notification hook must never fail the customer's turn; the worker polls anyway.
    }
  }
}
