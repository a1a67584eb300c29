import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../store/database.ts';
import type { AuditEventTable } from './audit-event.table.ts';
import type { AuditActor } from './audit-trail.ts';
import type { AuditQuery, StoredAuditEvent } from './stored-audit-event.ts';

function actorOf(row: Selectable<AuditEventTable>): AuditActor {
  switch (row.actor_kind) {
    case 'agent':
    case 'admin':
      return { kind: row.actor_kind, agentId: row.actor_id ?? 0, name: row.actor_name };
    case 'cli':
      return { kind: 'cli', user: row.actor_name };
    case 'system':
      return { kind: 'system', name: row.actor_name };
  }
}

function detailOf(text: string): StoredAuditEvent['detail'] {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const detail: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      detail[key] = value as string | number | boolean | null;
  }
  return detail;
}

function rowToEvent(row: Selectable<AuditEventTable>): StoredAuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: actorOf(row),
    action: row.action,
    target: row.target_type === null ? null : { type: row.target_type, id: row.target_id ?? '' },
    address: row.address,
    detail: detailOf(row.detail),
  };
}

/**
 * The only place that touches `audit_events`. Append-only by construction: it can insert and read;
 * the one way to remove rows is {@link AuditRepository.purgeBefore}, for the retention worker.
 * There is no update.
 */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async insert(values: Insertable<AuditEventTable>): Promise<void> {
    await this.db.insertInto('audit_events').values(values).execute();
  }

  /** Events matching `query`, newest first (by id, which follows insertion). */
  async list(query: AuditQuery): Promise<StoredAuditEvent[]> {
    let select = this.db.selectFrom('audit_events').selectAll();
    if (query.from !== undefined) select = select.where('at', '>=', query.from);
    if (query.to !== undefined) select = select.where('at', '<', query.to);
    if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
    const actor = query.actor;
    if (actor?.kind === 'agent-id') select = select.where('actor_id', '=', actor.agentId);
    if (actor?.kind === 'actor-kind') select = select.where('actor_kind', '=', actor.actorKind);
    const action = query.action;
    if (action?.endsWith('.*') === true) {
      // Actions are validated as lowercase words, dots and hyphens, so the prefix holds no LIKE wildcard.
      select = select.where('action', 'like', `${action.slice(0, -1)}%`);
    } else if (action !== undefined) {
      select = select.where('action', '=', action);
    }
    const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(rowToEvent);
  }

  /**
   * Deletes up to `limit` of the oldest events recorded before `iso` and answers how many it deleted:
   * the audit trail's own retention. A small `limit` keeps each transaction short; call again until 0.
   */
  async purgeBefore(iso: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('audit_events')
      .where('id', 'in', (qb) =>
        qb.selectFrom('audit_events').select('id').where('at', '<', iso).orderBy('id').limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
