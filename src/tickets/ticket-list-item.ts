import type { ComplaintSeverity } from '../complaints/complaint-severity.ts';
import type { SentimentDirection } from '../sentiment/conversation-trend.ts';
import type { SentimentLabel } from '../sentiment/sentiment-label.ts';
import type { Ticket } from './ticket.ts';

/**
 * A ticket as the agents' queue lists it: the ticket itself plus who the customer is, how their
 * latest and worst analysed messages read and which way their mood is moving, the conversation's
 * most severe complaint, and who has the ticket, so a queue needs one query, not one per row.
 * How long it has been waiting is measured from `createdAt`.
 */
export interface TicketListItem extends Ticket {
  readonly customerName: string | null;
  readonly customerEmail: string | null;
  /** The sentiment of the customer's most recent analysed message in the conversation; null before any. */
  readonly latestSentiment: SentimentLabel | null;
  /**
   * The sentiment of the customer's most negative analysed message (lowest comparative), so a
   * ticket opened on a furious complaint does not read "neutral" after a "hello?"; null before any.
   */
  readonly worstSentiment: SentimentLabel | null;
  /** Which way the customer's last three analysed messages moved (`conversationTrend`); null before any. */
  readonly sentimentTrend: SentimentDirection | null;
  /** The most severe complaint in the conversation; null when none of its messages was one. */
  readonly complaintSeverity: ComplaintSeverity | null;
  /** The assignee's display name; null while unassigned. */
  readonly assigneeName: string | null;
}
