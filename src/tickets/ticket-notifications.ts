import type { Customer } from '../customers/customer.ts';
import type { Ticket } from './ticket.ts';

/** What agents are told about: a new ticket, or an open ticket escalated again to a higher priority. */
const TICKET_NOTIFICATION_EVENTS = ['ticket.created', 'ticket.priority_raised'] as const;
export type TicketNotificationEvent = (typeof TICKET_NOTIFICATION_EVENTS)[number];

/**
 * How a ticket change tells the agents: `queue` inside the change's transaction (it commits or
 * rolls back with it), `wake` after the commit. Implemented by `TicketNotifier` in
 * `src/notifications`, which sits above tickets; tickets only know this port.
 */
export interface TicketNotifications {
  queue(
    kind: TicketNotificationEvent,
    ticket: Ticket,
    customer: Customer | undefined,
    ticketEventId: number,
    at: string,
  ): Promise<void>;
  /** Never throws. */
  wake(): void;
}
