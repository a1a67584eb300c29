import type { Customer } from '../customers/customer.ts';
import type { Ticket, TicketStatus } from './ticket.ts';
import type { TicketEvent } from './ticket-event.ts';

/** One message of the conversation, with what the bot made of it, as an agent reads it. */
export interface TranscriptMessage {
  readonly id: number;
  readonly direction: 'inbound' | 'outbound';
  readonly author: 'customer' | 'bot' | 'agent';
  readonly text: string | null;
  readonly createdAt: string;
  /** Null for messages that were not analysed (outbound ones). */
  readonly sentiment: { readonly score: number; readonly comparative: number; readonly label: string } | null;
  /** Null when not analysed; `isComplaint: false` when analysed and not a complaint. */
  readonly complaint:
    | { readonly isComplaint: false }
    | {
        readonly isComplaint: true;
        readonly category: string | null;
        readonly severity: string | null;
        readonly confidence: number | null;
      }
    | null;
  readonly match: { readonly kind: string; readonly entryId: string | null; readonly confidence: number | null } | null;
  /** The customer's vote on the answer to this question, if any. */
  readonly helpful: boolean | null;
  /** The titles of the buttons a bot message offered ("did you mean" candidates, follow-ups); empty when none. */
  readonly offered: readonly string[];
}

/** Another ticket of the same customer, as a line in the ticket view. */
export interface CustomerTicketSummary {
  readonly reference: string;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly createdAt: string;
}

/** A ticket with everything an agent needs to take over: customer, audit trail, full transcript. */
export interface TicketDetail {
  readonly ticket: Ticket;
  readonly customer: Customer | null;
  readonly events: readonly TicketEvent[];
  readonly transcript: readonly TranscriptMessage[];
  /** The customer's other tickets, newest first (at most {@link MAX_OTHER_TICKETS}). */
  readonly otherTickets: readonly CustomerTicketSummary[];
  /** Display names of the agents this ticket mentions (its assignee and the `agent:<id>` actors of its events). */
  readonly agents: readonly { readonly id: number; readonly name: string }[];
}

/** How many of a customer's other tickets the ticket view lists. */
export const MAX_OTHER_TICKETS = 20;
