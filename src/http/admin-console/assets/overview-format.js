// @ts-check
// How the overview shows the report's numbers, stated once here (the browser test holds the
// page to these rules): counts with the locale's grouping; rates as percentages with one decimal
// ("66.7%"); durations in whole seconds, in the two largest units ("45 s", "2 min 5 s",
// "1 h 30 min", "2 d 4 h"); nothing to divide by or nothing measured as "–", never 0.

import { formatNumber } from '../../agent-console/assets/format.js';

/** What the page shows for a rate or a duration that has no value. */
export const NO_VALUE = '–';

/** @param {number} n */
export function formatCount(n) {
  return formatNumber(n);
}

/**
 * A fraction in [0, 1] as a percentage with one decimal, or "–" for null.
 *
 * @param {number | null} rate
 */
export function formatRate(rate) {
  return rate === null ? NO_VALUE : `${(rate * 100).toFixed(1)}%`;
}

/**
 * Seconds as the two largest units of d, h, min, s ("2 min 5 s", "3 h", "1 d 2 h"), or "–" for null.
 *
 * @param {number | null} seconds
 */
export function formatDuration(seconds) {
  if (seconds === null) return NO_VALUE;
  const total = Math.round(seconds);
  const units = /** @type {const} */ ([
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ]);
  const first = units.findIndex(([, size]) => total >= size);
  if (first === -1) return '0 s';
  /** @type {string[]} */
  const parts = [];
  let rest = total;
  for (const [name, size] of units.slice(first, first + 2)) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${name}`);
  }
  return parts.join(' ');
}
