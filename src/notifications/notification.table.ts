import type { Generated } from 'kysely';
import type { NotificationEvent, NotificationStatus } from './notification.ts';

/** Row of `notifications_outbox`: written with the ticket change, delivered later by the webhook worker. */
export interface NotificationOutboxTable {
  id: Generated<number>;
  ticket_id: number;
  event: NotificationEvent;
  /** JSON of a `NotificationPayload`. */
  payload: string;
  idempotency_key: string;
  status: NotificationStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}
