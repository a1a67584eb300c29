import type { BusinessHours } from './business-hours.ts';
import { addDays, instantOf, localTimeAt } from './zoned-time.ts';

/** Days looked ahead for the next opening (long holidays included). */
const LOOKAHEAD_DAYS = 400;

/** Whether the team is there to chat at a moment, and if not, when it is back. */
export type TeamAvailability =
  | { readonly kind: 'open' }
  /** `backAt` is undefined when no opening is in sight (every day closed, or a year of holidays). */
  | { readonly kind: 'closed'; readonly backAt: Date | undefined };

/**
 * The team's availability at `at` under `hours`: open inside an opening interval of the local day
 * (start included, end excluded) unless that date is a holiday; otherwise closed, with the next
 * opening. No `hours` (none configured) means always open.
 */
export function teamAvailability(hours: BusinessHours | undefined, at: Date): TeamAvailability {
  if (hours === undefined) return { kind: 'open' };
  const now = localTimeAt(at, hours.timeZone);
  const holidays = new Set(hours.holidays);
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset += 1) {
    const day = offset === 0 ? { date: now.date, weekday: now.weekday } : addDays(now.date, offset);
    if (holidays.has(day.date)) continue;
    for (const interval of hours.week[day.weekday] ?? []) {
      if (offset === 0 && interval.end <= now.minute) continue;
      if (offset === 0 && interval.start <= now.minute) return { kind: 'open' };
      return { kind: 'closed', backAt: instantOf(day.date, interval.start, hours.timeZone) };
    }
  }
  return { kind: 'closed', backAt: undefined };
}
