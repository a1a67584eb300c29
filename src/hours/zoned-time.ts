/** A wall-clock moment in some time zone. `weekday` is 0 = Sunday … 6 = Saturday. */
export interface LocalTime {
  readonly date: string;
  readonly weekday: number;
  /** Minutes after local midnight. */
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields `timeZone` shows at `at` (hours 0-23), from one cached `Intl` formatter per zone. */
export function fieldsAt(
  at: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return fields;
}

/** What the clocks in `timeZone` show at `at` (Intl's time zone data, DST included). */
export function localTimeAt(at: Date, timeZone: string): LocalTime {
  const f = fieldsAt(at, timeZone);
  const date = `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
  return { date, weekday: new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay(), minute: f.hour * 60 + f.minute };
}

/** The local date `days` after `date` (both `YYYY-MM-DD`), and its weekday. */
export function addDays(date: string, days: number): { date: string; weekday: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return { date: next.toISOString().slice(0, 10), weekday: next.getUTCDay() };
}

/** Milliseconds `timeZone` is ahead of UTC at `at`. */
export function offsetAt(at: Date, timeZone: string): number {
  const f = fieldsAt(at, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant the clocks in `timeZone` show `minute` on `date`. A time skipped by a DST change
 * (02:30 on a spring-forward night) comes out as the instant just after the gap.
 */
export function instantOf(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, Math.floor(minute / 60), minute % 60);
  const first = wall - offsetAt(new Date(wall), timeZone);
  const second = wall - offsetAt(new Date(first), timeZone);
  return new Date(Math.max(first, second));
}
