// @ts-check
/** @import { ReportQuery } from './admin-api.client.js' */

/** The default period: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

/**
 * A local calendar date as `YYYY-MM-DD`, `days` after `date`.
 *
 * @param {Date} date
 * @param {number} days
 */
function isoDate(date, days = 0) {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The first and last day of the default period, ending `today`.
 *
 * @param {Date} today
 */
export function defaultPeriod(today) {
  return { first: isoDate(today, 1 - DEFAULT_DAYS), last: isoDate(today) };
}

/**
 * The period the controls name (first and last day, both shown) as the API takes it: `from` the
 * first day, `to` the day after the last (exclusive), or what is wrong with it.
 *
 * @param {string} first `YYYY-MM-DD` from a date input ('' when empty)
 * @param {string} last
 * @param {string} interval
 * @returns {{ ok: true, query: ReportQuery } | { ok: false, message: string }}
 */
export function periodQuery(first, last, interval) {
  if (first === '' || last === '') return { ok: false, message: 'Choose the first and the last day.' };
  if (first > last) return { ok: false, message: 'The first day must be on or before the last day.' };
  const [y, m, d] = last.split('-').map(Number);
  const to = isoDate(new Date(y ?? 0, (m ?? 1) - 1, d ?? 1), 1);
  return { ok: true, query: { from: first, to, interval: interval === 'week' ? 'week' : 'day' } };
}

/**
 * Saves `blob` as `name` through a download link that never enters the page.
 *
 * @param {Blob} blob
 * @param {string} name
 */
export function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has its own copy once started; the object URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
