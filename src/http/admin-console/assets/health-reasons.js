// @ts-check
/** @import { HealthReasonJson } from './customers-api.types.js' */

/** What each measure of `knowledge/health.yaml` is called on the pages: [one, several]. */
const MEASURE_LABELS = /** @type {Readonly<Record<string, readonly [string, string]>>} */ ({
  openTickets: ['open ticket', 'open tickets'],
  recentTickets: ['ticket in the window', 'tickets in the window'],
  complaintsLow: ['low-severity complaint', 'low-severity complaints'],
  complaintsMedium: ['medium-severity complaint', 'medium-severity complaints'],
  complaintsHigh: ['high-severity complaint', 'high-severity complaints'],
  complaintsCritical: ['critical complaint', 'critical complaints'],
  negativeSentiment: ['negative messages', 'negative messages'],
  lowCsat: ['low rating (1-2)', 'low ratings (1-2)'],
  missingCsat: ['solved ticket not rated', 'solved tickets not rated'],
  repeatContact: ['repeat contact on one topic', 'repeat contacts on one topic'],
  unresolvedTickets: ['ticket unresolved too long', 'tickets unresolved too long'],
});

/**
 * A reason in words, e.g. "2 open tickets (−16)", "1 open ticket (−8)" or "60 % negative messages (−20)".
 * @param {HealthReasonJson} reason
 */
export function reasonText(reason) {
  const [one, several] = MEASURE_LABELS[reason.measure] ?? [reason.measure, reason.measure];
  const label = reason.value === 1 ? one : several;
  const value = reason.measure === 'negativeSentiment' ? `${reason.value} %` : String(reason.value);
  return `${value} ${label} (−${reason.points})`;
}
