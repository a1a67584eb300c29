import type { EscalationReason } from '../escalation/escalation-policy.ts';
import type { TicketPriority } from '../escalation/ticket-priority.ts';

/** A ticket's life cycle, in order. `new`, `open` and `pending` count as open. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A conversation has at most one ticket in one of these statuses at a time. */
export const OPEN_TICKET_STATUSES = ['new', 'open', 'pending'] as const satisfies readonly TicketStatus[];

/** A conversation that a person handles: what agents see in their queue. */
export interface Ticket {
  readonly id: number;
  /** Human-readable and unique: `T-1001`, `T-1002`, … */
  readonly reference: string;
  readonly conversationId: string;
  readonly customerId: number;
  readonly subject: string;
  readonly category: string | null;
  readonly priority: TicketPriority;
  readonly status: TicketStatus;
  /** Why the bot handed the conversation over (the first escalation's reason). */
  readonly reason: EscalationReason;
  /** Id of the agent working on it, or null while unassigned. */
  readonly assigneeId: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When an agent first replied to the customer. */
  readonly firstResponseAt: string | null;
  /** When it was last set to `solved` (cleared if reopened). */
  readonly solvedAt: string | null;
  readonly csatRating: number | null;
  readonly csatComment: string | null;
  /** Bumped on every change of status, priority or assignee; updates must quote it. */
  readonly version: number;
}
