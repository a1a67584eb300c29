import type { Customer } from '../customers/customer.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { NotificationEvent, NotificationPayload } from './notification.ts';

/** How many of the customer's latest messages a notification quotes. */
export const RECENT_MESSAGES_IN_NOTIFICATION = 3;
/** Each quoted message is cut to this many characters. */
const MAX_QUOTED_LENGTH = 500;

/** The payload of a notification about `ticket`, as it is at this moment. */
export function ticketNotification(
  event: NotificationEvent,
  ticket: Ticket,
  customer: Customer | undefined,
  recentMessages: ReadonlyArray<{ text: string; at: string }>,
  at: string,
): NotificationPayload {
  return {
    event,
    ticket: {
      reference: ticket.reference,
      priority: ticket.priority,
      reason: ticket.reason,
      subject: ticket.subject,
      category: ticket.category,
      status: ticket.status,
    },
    customer: customer === undefined ? null : { name: customer.name, email: customer.email },
    recentMessages: recentMessages.map((m) => ({
      text: m.text.length > MAX_QUOTED_LENGTH ? `${m.text.slice(0, MAX_QUOTED_LENGTH - 1)}…` : m.text,
      at: m.at,
    })),
    occurredAt: at,
  };
}

/** The `Idempotency-Key` of a notification: derived from the ticket event it announces, so it is stable across retries and processes. */
export function notificationKey(reference: string, event: NotificationEvent, ticketEventId: number): string {
  return `answerdesk-${reference}-${event}-${ticketEventId}`;
}
