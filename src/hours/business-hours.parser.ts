import { type BusinessHours, type OpeningInterval, WEEKDAYS } from './business-hours.ts';

/** The three settings, as configured (`BUSINESS_HOURS`, `BUSINESS_TIMEZONE`, `BUSINESS_HOLIDAYS`). */
export interface BusinessHoursSettings {
  readonly hours: string;
  readonly timeZone: string;
  readonly holidays: string;
}

/** `none` = no hours configured: the team is treated as always there (the behaviour without hours). */
export type BusinessHoursParse =
  | { readonly kind: 'ok'; readonly hours: BusinessHours }
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

const DAY =
  /^(?:(mon)(?:day)?|(tue)(?:s|sday)?|(wed)(?:nesday)?|(thu)(?:rs|rsday)?|(fri)(?:day)?|(sat)(?:urday)?|(sun)(?:day)?)$/i;
const TIME = /^([01]?\d|2[0-4]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayIndex(word: string): number | undefined {
  const match = DAY.exec(word);
  if (match === null) return undefined;
  const short = (match.slice(1).find((g) => g !== undefined) ?? '').toLowerCase();
  return WEEKDAYS.findIndex((d) => d.toLowerCase() === short);
}

function minuteOf(text: string): number | undefined {
  const match = TIME.exec(text);
  if (match === null) return undefined;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return minute <= 24 * 60 ? minute : undefined;
}

/** `Mon`, `Monday`, `Mon-Fri` or `Fri-Mon` (wrapping) → day indexes. */
function daysOf(text: string): number[] | undefined {
  const [from, to, extra] = text.split('-');
  if (from === undefined || extra !== undefined) return undefined;
  const first = dayIndex(from);
  const last = to === undefined ? first : dayIndex(to);
  if (first === undefined || last === undefined) return undefined;
  const days = [first];
  for (let d = first; d !== last; ) {
    d = (d + 1) % 7;
    days.push(d);
  }
  return days;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseWeek(spec: string, problems: string[]): OpeningInterval[][] {
  const week: OpeningInterval[][] = WEEKDAYS.map(() => []);
  for (const group of spec.split(/[;,]/).map((g) => g.trim())) {
    if (group === '') continue;
    const [dayText = '', ...ranges] = group.split(/\s+/);
    const days = daysOf(dayText);
    if (days === undefined) {
      problems.push(`BUSINESS_HOURS: "${dayText}" in "${group}" is not a weekday or a range like Mon-Fri`);
      continue;
    }
    if (ranges.length === 0) problems.push(`BUSINESS_HOURS: "${group}" has no opening time like 09:00-17:30`);
    for (const range of ranges) {
      const [startText = '', endText = '', extra] = range.split('-');
      const start = minuteOf(startText);
      const end = minuteOf(endText);
      if (extra !== undefined || start === undefined || end === undefined || end <= start) {
        problems.push(
          `BUSINESS_HOURS: "${range}" in "${group}" is not an opening time like 09:00-17:30 (end after start, at most 24:00)`,
        );
        continue;
      }
      for (const day of days) week[day]?.push({ start, end });
    }
  }
  for (const [index, intervals] of week.entries()) {
    intervals.sort((a, b) => a.start - b.start);
    for (let i = 1; i < intervals.length; i += 1) {
      if ((intervals[i]?.start ?? 0) < (intervals[i - 1]?.end ?? 0))
        problems.push(`BUSINESS_HOURS: the opening times of ${WEEKDAYS[index]} overlap`);
    }
  }
  return week;
}

/**
 * Reads the business-hours settings, reporting every problem, each naming the setting and the
 * part of it that is wrong. Hours look like `Mon-Fri 08:00-20:00, Sat 09:00-12:00 13:00-17:00`
 * (days not named are closed); the zone is IANA (`Europe/Berlin`, default `UTC`); holidays are
 * `YYYY-MM-DD` dates separated by commas or spaces.
 */
export function parseBusinessHours(settings: BusinessHoursSettings): BusinessHoursParse {
  const problems: string[] = [];
  const spec = settings.hours.trim();
  const timeZone = settings.timeZone.trim() === '' ? 'UTC' : settings.timeZone.trim();
  const holidays = settings.holidays.split(/[\s,]+/).filter((h) => h !== '');
  if (!isTimeZone(timeZone))
    problems.push(`BUSINESS_TIMEZONE must be an IANA time zone like Europe/Berlin (got "${timeZone}")`);
  for (const holiday of holidays) {
    if (!isRealDate(holiday)) problems.push(`BUSINESS_HOLIDAYS: "${holiday}" is not a date like 2026-12-25`);
  }
  if (spec === '') {
    if (holidays.length > 0)
      problems.push('BUSINESS_HOLIDAYS needs BUSINESS_HOURS (without hours the team is always there)');
    return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'none' };
  }
  const week = parseWeek(spec, problems);
  if (problems.length === 0 && week.every((day) => day.length === 0)) problems.push('BUSINESS_HOURS opens on no day');
  if (problems.length > 0) return { kind: 'invalid', problems };
  return { kind: 'ok', hours: { timeZone, week, holidays } };
}
