/** Days of the week as `Date#getDay()` and Intl number them: 0 = Sunday … 6 = Saturday. */
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Opening time within one local day, in minutes after midnight; `end` is after `start` (at most 1440). */
export interface OpeningInterval {
  readonly start: number;
  readonly end: number;
}

/**
 * When the support team is there to chat, in its own time zone. Validated by
 * `parseBusinessHours`: `week` has 7 days (index = `WEEKDAYS` index), each with sorted,
 * non-overlapping intervals (none = closed that day); `holidays` are `YYYY-MM-DD` local dates on
 * which the team is away all day.
 */
export interface BusinessHours {
  /** IANA time zone, e.g. `America/New_York`. */
  readonly timeZone: string;
  readonly week: readonly (readonly OpeningInterval[])[];
  readonly holidays: readonly string[];
}
