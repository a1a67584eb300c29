import type { SentimentLabel } from '../sentiment/sentiment-label.ts';
import type { Ticket } from './ticket.ts';

/**
 * A ticket as the agents' queue lists it: the ticket itself plus who the customer is, how their
 * latest analysed message read, and who has the ticket, so a queue needs one query, not one per row.
 * How long it has been waiting is measured from `createdAt`.
 */
export interface TicketListItem extends Ticket {
  readonly customerName: string | null;
  readonly customerEmail: string | null;
  /** The sentiment of the customer's most recent analysed message in the conversation; null before any. */
  readonly latestSentiment: SentimentLabel | null;
  /** The assignee's display name; null while unassigned. */
  readonly assigneeName: string | null;
}
