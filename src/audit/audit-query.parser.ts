import {
  AUDIT_ACTOR_KINDS,
  type AuditActorFilter,
  type AuditActorKind,
  type AuditQuery,
} from './stored-audit-event.ts';

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;

/** The parameters an admin filters the trail by (query string of `GET /api/admin/audit`, CLI options). */
export const AUDIT_QUERY_PARAMETERS = ['from', 'to', 'actor', 'action', 'limit', 'cursor'] as const;

type AuditQueryParameter = (typeof AUDIT_QUERY_PARAMETERS)[number];

export type AuditQueryParse =
  | { readonly kind: 'ok'; readonly query: AuditQuery }
  | { readonly kind: 'invalid'; readonly parameter: AuditQueryParameter; readonly problem: string };

/** A date (`2026-12-01`, midnight UTC) or a date-time with its zone (`2026-12-01T09:00:00Z`, `…+01:00`). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
/** An action (`ticket.read`) or a prefix of actions (`ticket.*`): lowercase words, no SQL wildcard. */
const ACTION = /^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*(?:\.\*)?$/;

class Invalid extends Error {
  constructor(
    readonly parameter: AuditQueryParameter,
    readonly problem: string,
  ) {
    super(problem);
  }
}

function instant(parameter: 'from' | 'to', raw: string): string {
  const date = new Date(raw);
  // Date rolls 2026-02-31 over to March 3rd: a bare date must survive the round trip.
  const real =
    ISO_INSTANT.test(raw) &&
    !Number.isNaN(date.getTime()) &&
    (raw.length > 10 || date.toISOString().slice(0, 10) === raw);
  if (!real)
    throw new Invalid(
      parameter,
      `must be an ISO 8601 date or a date-time with its zone, like 2026-12-01 or 2026-12-01T09:00:00Z (got "${raw.slice(0, 40)}")`,
    );
  return date.toISOString();
}

function actor(raw: string): AuditActorFilter {
  if (/^\d{1,15}$/.test(raw)) return { kind: 'agent-id', agentId: Number(raw) };
  const kind = AUDIT_ACTOR_KINDS.find((k) => k === raw.toLowerCase());
  if (kind === undefined)
    throw new Invalid(
      'actor',
      `must be an agent id or one of ${AUDIT_ACTOR_KINDS.join(', ')} (got "${raw.slice(0, 40)}")`,
    );
  return { kind: 'actor-kind', actorKind: kind as AuditActorKind };
}

function wholeNumber(parameter: 'limit' | 'cursor', raw: string, max: number): number {
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= max))
    throw new Invalid(parameter, `must be a whole number from 1 to ${max} (got "${raw.slice(0, 40)}")`);
  return value;
}

/**
 * Reads an audit query from named text values (absent or blank = no filter), so the admin API and
 * the CLI accept the same forms: `from`/`to` ISO 8601 instants (`from` inclusive, `to` exclusive),
 * `actor` an agent id or an actor kind, `action` exact or `prefix.*`, `limit` 1..1000 (default
 * 100), `cursor` the previous page's `nextCursor`. The first bad value is reported by name.
 */
export function parseAuditQuery(values: Partial<Record<AuditQueryParameter, string>>): AuditQueryParse {
  const get = (name: AuditQueryParameter): string | undefined => {
    const raw = values[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  try {
    const from = get('from');
    const to = get('to');
    const query: AuditQuery = {
      from: from === undefined ? undefined : instant('from', from),
      to: to === undefined ? undefined : instant('to', to),
      actor: mapOptional(get('actor'), actor),
      action: mapOptional(get('action'), (raw) => {
        if (raw.length > 100 || !ACTION.test(raw))
          throw new Invalid(
            'action',
            `must be an action like ticket.read or a prefix like ticket.* (got "${raw.slice(0, 40)}")`,
          );
        return raw;
      }),
      limit: mapOptional(get('limit'), (raw) => wholeNumber('limit', raw, MAX_AUDIT_LIMIT)) ?? DEFAULT_AUDIT_LIMIT,
      beforeId: mapOptional(get('cursor'), (raw) => wholeNumber('cursor', raw, Number.MAX_SAFE_INTEGER)),
    };
    if (query.from !== undefined && query.to !== undefined && query.from >= query.to)
      throw new Invalid('from', `must be before to (${query.from} is not before ${query.to})`);
    return { kind: 'ok', query };
  } catch (error) {
    if (error instanceof Invalid) return { kind: 'invalid', parameter: error.parameter, problem: error.problem };
    throw error;
  }
}

function mapOptional<T>(raw: string | undefined, map: (raw: string) => T): T | undefined {
  return raw === undefined ? undefined : map(raw);
}
