// @ts-check
// Times, ages and counts as the console shows them.

// Built once: toLocaleString() with options builds a new formatter on every call, which is slow.
const TIME = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeStyle: 'short' });
const NUMBER = new Intl.NumberFormat();

/** @param {string} iso */
export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : TIME.format(date);
}

/** @param {string} iso */
export function formatDateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : DATE_TIME.format(date);
}

/**
 * How long ago `iso` was: "just now", "4 min", "2 h 5 m", "3 d 4 h".
 *
 * @param {string} iso
 */
export function formatAge(iso) {
  const ms = Date.now() - new Date(iso).getTime();
  if (!(ms >= 0)) return 'just now';
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} m`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** @param {string} iso */
export function formatAgo(iso) {
  const age = formatAge(iso);
  return age === 'just now' ? age : `${age} ago`;
}

/** @param {number} n */
export function formatNumber(n) {
  return NUMBER.format(n);
}
