import type { Generated } from 'kysely';
import type { AuditActorKind } from './stored-audit-event.ts';

/** Row of `audit_events` (migration 011). `detail` is a JSON object as text; `actor_id` is the agent's id. */
export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_kind: AuditActorKind;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  address: string | null;
  detail: string;
}
