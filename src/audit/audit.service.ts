import type { AuditRepository } from './audit.repository.ts';
import type { AuditActor, AuditEvent, AuditTrail } from './audit-trail.ts';
import type { AuditPage, AuditQuery } from './stored-audit-event.ts';

/** Longest string value kept in `detail`: room for an id or a status, not for prose. */
const MAX_DETAIL_TEXT = 120;
const MAX_DETAIL_KEYS = 20;
/** Longest action, target id or address kept (all come from our own code or the socket). */
const MAX_FIELD = 200;

function actorColumns(actor: AuditActor): {
  actor_kind: AuditActor['kind'];
  actor_id: number | null;
  actor_name: string;
} {
  switch (actor.kind) {
    case 'agent':
    case 'admin':
      return { actor_kind: actor.kind, actor_id: actor.agentId, actor_name: actor.name };
    case 'cli':
      return { actor_kind: 'cli', actor_id: null, actor_name: actor.user };
    case 'system':
      return { actor_kind: 'system', actor_id: null, actor_name: actor.name };
  }
}

/** `detail` as stored: primitives only, at most {@link MAX_DETAIL_KEYS} keys, strings cut short, so no prose fits. */
function detailText(detail: AuditEvent['detail']): string {
  const kept: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(detail ?? {}).slice(0, MAX_DETAIL_KEYS)) {
    kept[key.slice(0, 60)] = typeof value === 'string' ? value.slice(0, MAX_DETAIL_TEXT) : value;
  }
  return JSON.stringify(kept);
}

/**
 * The audit trail: implements the {@link AuditTrail} port over {@link AuditRepository} and reads it
 * back for admins. Events are only ever appended; the time is this process's clock, as ISO text.
 */
export class AuditService implements AuditTrail {
  private readonly events: AuditRepository;
  private readonly clock: () => Date;

  constructor(deps: { readonly events: AuditRepository; readonly clock?: (() => Date) | undefined }) {
    this.events = deps.events;
    this.clock = deps.clock ?? (() => new Date());
  }

  async record(event: AuditEvent): Promise<void> {
    await this.events.insert({
      at: this.clock().toISOString(),
      ...actorColumns(event.actor),
      action: event.action.slice(0, MAX_FIELD),
      target_type: event.target?.type.slice(0, MAX_FIELD) ?? null,
      target_id: event.target?.id.slice(0, MAX_FIELD) ?? null,
      address: event.address?.slice(0, MAX_FIELD) ?? null,
      detail: detailText(event.detail),
    });
  }

  /** One page of events, newest first; pass `nextCursor` back as the query's `beforeId` for the next. */
  async list(query: AuditQuery): Promise<AuditPage> {
    // One more than asked tells whether another page exists without a count.
    const rows = await this.events.list({ ...query, limit: query.limit + 1 });
    const events = rows.slice(0, query.limit);
    const last = events.at(-1);
    return { events, nextCursor: rows.length > query.limit && last !== undefined ? String(last.id) : null };
  }

  /** Deletes up to `limit` events recorded before `iso` (retention); answers how many went. */
  purgeBefore(iso: string, limit: number): Promise<number> {
    return this.events.purgeBefore(iso, limit);
  }
}
