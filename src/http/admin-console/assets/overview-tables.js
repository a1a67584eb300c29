// @ts-check
// The charts' text alternatives: the same numbers as tables, which screen readers read (each
// canvas names its table with aria-describedby) and which anyone can open under "Numbers".
/** @import { ReportSummaryJson } from './report-api.types.js' */
import { complaintCategoryLabel } from '../../agent-console/assets/complaint-labels.js';
import { el } from '../../agent-console/assets/dom.js';
import { formatCount, formatDuration, formatRate } from './overview-format.js';

/**
 * A table: the first column is the row's heading, the others are right-aligned numbers.
 *
 * @param {string} caption
 * @param {readonly string[]} headers
 * @param {readonly (readonly string[])[]} rows
 */
export function numbersTable(caption, headers, rows) {
  return el(
    'table',
    { className: 'numbers-table' },
    el('caption', null, caption),
    el(
      'thead',
      null,
      el('tr', null, ...headers.map((h, i) => el('th', { scope: 'col', className: i === 0 ? null : 'num' }, h))),
    ),
    el(
      'tbody',
      null,
      ...rows.map(([head, ...cells]) =>
        el(
          'tr',
          null,
          el('th', { scope: 'row' }, head ?? ''),
          ...cells.map((cell) => el('td', { className: 'num' }, cell)),
        ),
      ),
    ),
  );
}

/**
 * Every point of the series, one row per day or week.
 *
 * @param {ReportSummaryJson} s
 */
export function seriesTable(s) {
  const unit = s.period.interval === 'week' ? 'Week from' : 'Day';
  return numbersTable(
    `Per ${s.period.interval}, ${s.period.timeZone}`,
    [
      unit,
      'Conversations',
      'Questions',
      'Answered',
      'Bot resolution',
      'Handoff',
      'Helpful',
      'CSAT',
      'Negative',
      'Complaints',
      'First response (median)',
      'Resolution (median)',
    ],
    s.series.map((p) => [
      p.date,
      formatCount(p.conversations),
      formatCount(p.questions),
      formatRate(p.answerRate),
      formatRate(p.botResolutionRate),
      formatRate(p.handoffRate),
      formatRate(p.helpfulRate),
      formatRate(p.csatScore),
      formatRate(p.negativeShare),
      formatCount(p.complaints),
      formatDuration(p.firstResponseSeconds.median),
      formatDuration(p.resolutionSeconds.median),
    ]),
  );
}

/**
 * The CSAT ratings 1 to 5 and how many gave each.
 *
 * @param {ReportSummaryJson} s
 */
export function csatTable(s) {
  const ratings = /** @type {const} */ (['1', '2', '3', '4', '5']);
  return numbersTable(
    'CSAT ratings',
    ['Rating', 'Ratings'],
    ratings.map((r) => [r, formatCount(s.csat.distribution[r])]),
  );
}

/**
 * Complaint categories by their labels ("Damaged product", not `damaged_product`), largest first
 * (ties by label), as the complaints chart draws them.
 *
 * @param {ReportSummaryJson} s
 * @returns {[string, number][]}
 */
export function complaintCategories(s) {
  return Object.entries(s.complaints.byCategory)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => /** @type {[string, number]} */ ([complaintCategoryLabel(key), n]))
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

/** @param {ReportSummaryJson} s */
export function complaintsTable(s) {
  return numbersTable(
    'Complaints by category',
    ['Category', 'Complaints'],
    complaintCategories(s).map(([category, n]) => [category, formatCount(n)]),
  );
}
