import type { Request } from 'express';
import type { StatsPeriod } from '../../insights/entry-stats.ts';
import { badRequest as bad, queryParam } from '../query-input.ts';

/** The knowledge view's period when the request names none: the 30 days before `to`. */
const DEFAULT_PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;

/** A date (`2026-12-01`, midnight UTC) or a date-time with its zone (`2026-12-01T09:00:00Z`, `…+01:00`). */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** The instant a query parameter names, or undefined when it is absent. */
function instantParam(req: Request, name: 'from' | 'to'): Date | undefined {
  const raw = queryParam(req, name);
  if (raw === undefined) return undefined;
  const parts = ISO_INSTANT.exec(raw);
  const date = new Date(raw);
  // Date.parse rolls 2026-02-31 over to March 3rd: the calendar date must survive the round trip.
  const real =
    parts !== null &&
    !Number.isNaN(date.getTime()) &&
    (raw.length > 10 || date.toISOString().slice(0, 10) === raw.slice(0, 10));
  if (!real) {
    throw bad(
      `${name}: must be an ISO 8601 date or a date-time with its zone, like 2026-12-01 or 2026-12-01T09:00:00Z ` +
        `(got "${raw.slice(0, 40)}")`,
    );
  }
  return date;
}

/**
 * `from` (inclusive) and `to` (exclusive) of `GET /api/admin/entries`: both optional; `to`
 * defaults to now and `from` to {@link DEFAULT_PERIOD_DAYS} days before `to`.
 *
 * @throws HttpError 400 naming the parameter for a value that is not a real ISO 8601 instant, or
 *   when `from` is not before `to`.
 */
export function parseStatsPeriod(req: Request, now = new Date()): StatsPeriod {
  const to = instantParam(req, 'to') ?? now;
  const from = instantParam(req, 'from') ?? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw bad(`from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  }
  return { from: from.toISOString(), to: to.toISOString() };
}
