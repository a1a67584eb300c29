/** How soon a ticket needs a person, least urgent first (the order is significant: the queue sorts by it). */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** The more urgent of two priorities. */
export function higherPriority(a: TicketPriority, b: TicketPriority): TicketPriority {
  return TICKET_PRIORITIES.indexOf(a) >= TICKET_PRIORITIES.indexOf(b) ? a : b;
}
