import { fieldsAt, offsetAt } from '../hours/zoned-time.ts';

/** How the series of a report is cut: one point per local day or per local week (Monday to Sunday). */
export const REPORT_INTERVALS = ['day', 'week'] as const;

export type ReportInterval = (typeof REPORT_INTERVALS)[number];

/** A report's period: `from` inclusive, `to` exclusive, as instants; buckets in `timeZone`. */
export interface ReportPeriod {
  readonly from: Date;
  readonly to: Date;
  readonly interval: ReportInterval;
  /** IANA time zone the days and weeks are cut in. */
  readonly timeZone: string;
}

/** One bucket of the series: `[start, end)` as ISO instants, and the local date it starts on (a week clipped by the period starts on `from`'s date). */
export interface ReportBucket {
  readonly start: string;
  readonly end: string;
  /** `YYYY-MM-DD` in the period's time zone. */
  readonly date: string;
}

/** A local calendar date. */
interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The buckets of a period, in order: each local day (or week from Monday) of `timeZone` that the
 * period touches, clipped to the period. Boundaries are the instants of local midnight, computed
 * with `Intl`, so a day across a daylight-saving change is 23 or 25 hours long; the SQL then only
 * compares stored instants with these boundaries and stays the same on every database.
 */
export function reportBuckets(period: ReportPeriod): ReportBucket[] {
  const { from, to, timeZone, interval } = period;
  const buckets: ReportBucket[] = [];
  let start = from;
  let date = localDate(from, timeZone);
  while (start < to) {
    const next = nextBoundaryDate(date, interval);
    const boundary = localMidnight(next, timeZone);
    const end = boundary < to ? boundary : to;
    buckets.push({ start: start.toISOString(), end: end.toISOString(), date: formatDate(localDate(start, timeZone)) });
    start = end;
    date = next;
  }
  return buckets;
}

/** The instant of 00:00 on `date` in `timeZone` (the first instant of that day when midnight is skipped). */
export function localMidnight(date: LocalDate, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  let instant = guess - offsetAt(new Date(guess), timeZone);
  const corrected = guess - offsetAt(new Date(instant), timeZone);
  if (corrected !== instant) {
    // Across a change the two offsets disagree: take the one that lands on the asked date.
    instant = formatDate(localDate(new Date(corrected), timeZone)) === formatDate(date) ? corrected : instant;
  }
  return new Date(instant);
}

/** The calendar date of `instant` in `timeZone`. */
function localDate(instant: Date, timeZone: string): LocalDate {
  const parts = fieldsAt(instant, timeZone);
  return { year: parts.year, month: parts.month, day: parts.day };
}

/** Parses `YYYY-MM-DD` into a local date, or undefined when it is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return undefined;
  return { year, month, day };
}

function formatDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Monday of the week of `date` for weeks, `date` itself for days. */
function startDateOf(date: LocalDate, interval: ReportInterval): LocalDate {
  if (interval === 'day') return date;
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

function nextBoundaryDate(date: LocalDate, interval: ReportInterval): LocalDate {
  return addDays(startDateOf(date, interval), interval === 'day' ? 1 : 7);
}
