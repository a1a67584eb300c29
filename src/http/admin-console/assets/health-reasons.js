// @ts-check
/** @import { HealthReasonJson } from './customers-api.types.js' */

/** What each measure of `knowledge/health.yaml` is called on the pages; the value's unit follows. */
const MEASURE_LABELS = /** @type {Readonly<Record<string, string>>} */ ({
  openTickets: 'open tickets',
  recentTickets: 'tickets in the window',
  complaintsLow: 'low-severity complaints',
  complaintsMedium: 'medium-severity complaints',
  complaintsHigh: 'high-severity complaints',
  complaintsCritical: 'critical complaints',
  negativeSentiment: 'negative messages',
  lowCsat: 'low ratings (1-2)',
  missingCsat: 'solved tickets not rated',
  repeatContact: 'repeat contacts on one topic',
  unresolvedTickets: 'tickets unresolved too long',
});

/**
 * A reason in words, e.g. "2 open tickets (−16)" or "60 % negative messages (−20)".
 * @param {HealthReasonJson} reason
 */
export function reasonText(reason) {
  const label = MEASURE_LABELS[reason.measure] ?? reason.measure;
  const value = reason.measure === 'negativeSentiment' ? `${reason.value} %` : String(reason.value);
  return `${value} ${label} (−${reason.points})`;
}
