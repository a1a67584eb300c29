import type { Generated } from 'kysely';
import type { EscalationReason } from '../escalation/escalation-policy.ts';
import type { TicketPriority } from '../escalation/ticket-priority.ts';
import type { TicketStatus } from './ticket.ts';
import type { TicketEventType } from './ticket-event.ts';

/** Row of `tickets`. */
export interface TicketTable {
  id: Generated<number>;
  reference: string;
  conversation_id: string;
  customer_id: number;
  subject: string;
  category: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  reason: EscalationReason;
  assignee_id: number | null;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  solved_at: string | null;
  csat_rating: number | null;
  csat_comment: string | null;
  version: number;
}

/** Row of `ticket_events`: the append-only audit trail. */
export interface TicketEventTable {
  id: Generated<number>;
  ticket_id: number;
  type: TicketEventType;
  /** `bot`, `customer` or `agent:<id>`. */
  actor: string;
  /** JSON object. */
  data: string;
  created_at: string;
}
