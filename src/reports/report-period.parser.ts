import {
  localMidnight,
  parseLocalDate,
  REPORT_INTERVALS,
  type ReportInterval,
  type ReportPeriod,
} from './report-period.ts';

/** The longest period one report covers: a year and a day (a leap year's days plus a partial one). */
const MAX_REPORT_DAYS = 367;
const DAY_MS = 86_400_000;

/** A date-time with its zone (`2026-12-01T09:00:00Z`, `…+01:00`). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The period as typed (query parameters or command-line options); absent values are undefined. */
export interface RawReportPeriod {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly interval?: string | undefined;
}

/** A period, or the first parameter that is wrong and why (for a 400 or a command-line error). */
export type ReportPeriodParse =
  | { readonly kind: 'period'; readonly period: ReportPeriod }
  | { readonly kind: 'invalid'; readonly parameter: 'from' | 'to' | 'interval'; readonly message: string };

/**
 * Reads `from` (inclusive), `to` (exclusive) and `interval` (`day` by default). A date
 * (`2026-11-02`) means local midnight in `timeZone`; a date-time must carry its zone. Refuses a
 * missing or unreal date, `from` not before `to`, a period over {@link MAX_REPORT_DAYS} days and an
 * unknown interval, naming the parameter.
 */
export function parseReportPeriod(raw: RawReportPeriod, timeZone: string): ReportPeriodParse {
  const from = instant(raw.from, 'from', timeZone);
  if (from.kind === 'invalid') return from;
  const to = instant(raw.to, 'to', timeZone);
  if (to.kind === 'invalid') return to;
  const interval = raw.interval === undefined || raw.interval === '' ? 'day' : raw.interval;
  if (!(REPORT_INTERVALS as readonly string[]).includes(interval)) {
    return invalid('interval', `must be one of ${REPORT_INTERVALS.join(', ')} (got "${interval.slice(0, 20)}")`);
  }
  if (from.at >= to.at) {
    return invalid('to', `must be after from (${from.at.toISOString()}), got ${to.at.toISOString()}`);
  }
  if (to.at.getTime() - from.at.getTime() > MAX_REPORT_DAYS * DAY_MS) {
    return invalid('to', `the period may be at most ${MAX_REPORT_DAYS} days long`);
  }
  return { kind: 'period', period: { from: from.at, to: to.at, interval: interval as ReportInterval, timeZone } };
}

type InvalidPeriod = Extract<ReportPeriodParse, { kind: 'invalid' }>;

function invalid(parameter: InvalidPeriod['parameter'], message: string): InvalidPeriod {
  return { kind: 'invalid', parameter, message: `${parameter}: ${message}` };
}

function instant(
  value: string | undefined,
  parameter: 'from' | 'to',
  timeZone: string,
): { readonly kind: 'instant'; readonly at: Date } | InvalidPeriod {
  const text = value?.trim() ?? '';
  if (text === '') return invalid(parameter, 'is required, as a date like 2026-11-02 or a date-time with its zone');
  const date = parseLocalDate(text);
  if (date !== undefined) return { kind: 'instant', at: localMidnight(date, timeZone) };
  const at = new Date(text);
  // Date.parse rolls 2026-02-31 over to March 3rd: the calendar date must be a real one.
  if (ISO_INSTANT.test(text) && !Number.isNaN(at.getTime()) && parseLocalDate(text.slice(0, 10)) !== undefined) {
    return { kind: 'instant', at };
  }
  return invalid(
    parameter,
    `must be a date like 2026-11-02 or a date-time with its zone like 2026-11-02T09:00:00Z (got "${text.slice(0, 40)}")`,
  );
}
