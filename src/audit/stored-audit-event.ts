import type { AuditActor } from './audit-trail.ts';

/** Every kind of actor, as stored in `audit_events.actor_kind`. */
export const AUDIT_ACTOR_KINDS = ['agent', 'admin', 'cli', 'system'] as const satisfies readonly AuditActor['kind'][];

export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** One recorded event as an admin reads it back: the recorded `AuditEvent` plus its id and time. */
export interface StoredAuditEvent {
  readonly id: number;
  /** ISO-8601 UTC, when it was recorded. */
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string } | null;
  readonly address: string | null;
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

/** Whose events: one agent's (by id) or every actor of one kind. */
export type AuditActorFilter =
  | { readonly kind: 'agent-id'; readonly agentId: number }
  | { readonly kind: 'actor-kind'; readonly actorKind: AuditActorKind };

/** Which events to read, newest first. Every field narrows; none given reads the latest `limit`. */
export interface AuditQuery {
  /** Inclusive lower bound on `at` (ISO-8601 UTC). */
  readonly from?: string | undefined;
  /** Exclusive upper bound on `at` (ISO-8601 UTC). */
  readonly to?: string | undefined;
  readonly actor?: AuditActorFilter | undefined;
  /** An exact action (`ticket.read`) or every action under a prefix (`ticket.*`). */
  readonly action?: string | undefined;
  readonly limit: number;
  /** Only events older than this id: the `nextCursor` of the previous page. */
  readonly beforeId?: number | undefined;
}

/** One page of events, newest first; `nextCursor` is null on the last page. */
export interface AuditPage {
  readonly events: readonly StoredAuditEvent[];
  readonly nextCursor: string | null;
}
