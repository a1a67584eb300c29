// @ts-check
// The overview's lists: the entries that answered most, the questions the bot missed most, and
// what customers wrote with their ratings (customers' words, so text nodes only).
/** @import { ReportSummaryJson } from './report-api.types.js' */
import { el } from '../../agent-console/assets/dom.js';
import { formatDateTime } from '../../agent-console/assets/format.js';
import { formatCount, formatRate } from './overview-format.js';
import { numbersTable } from './overview-tables.js';

/**
 * The entries that answered most customer messages, with their votes, or a line saying none did.
 *
 * @param {ReportSummaryJson} s
 */
export function topEntriesTable(s) {
  if (s.topEntries.length === 0) return el('p', { className: 'placeholder' }, 'No answers in this period.');
  return numbersTable(
    'Entries that answered most',
    ['Entry', 'Answered', 'Yes', 'No', 'Helpful'],
    s.topEntries.map((e) => [
      e.entryId,
      formatCount(e.answered),
      formatCount(e.helpfulYes),
      formatCount(e.helpfulNo),
      formatRate(e.helpfulRate),
    ]),
  );
}

/**
 * The largest groups of the questions the bot missed, as the Inbox groups them: the most used
 * wording, how many messages and wordings, and why they count; or a line saying there were none.
 *
 * @param {ReportSummaryJson} s
 */
export function topUnansweredTable(s) {
  if (s.topUnanswered.length === 0) return el('p', { className: 'placeholder' }, 'No missed questions in this period.');
  return el(
    'table',
    { className: 'numbers-table' },
    el('caption', null, 'Questions the bot missed most (grouped as in the Inbox)'),
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        el('th', { scope: 'col' }, 'Question (most used wording)'),
        el('th', { scope: 'col', className: 'num' }, 'Messages'),
        el('th', { scope: 'col', className: 'num' }, 'Wordings'),
        el('th', { scope: 'col' }, 'Why'),
      ),
    ),
    el(
      'tbody',
      null,
      ...s.topUnanswered.map((g) =>
        el(
          'tr',
          null,
          el('th', { scope: 'row' }, el('q', null, g.sample)),
          el('td', { className: 'num' }, formatCount(g.count)),
          el('td', { className: 'num' }, formatCount(g.phrasings)),
          el('td', null, g.reasons.join(', ')),
        ),
      ),
    ),
  );
}

/**
 * The period's CSAT comments, newest first, as list items (or one saying there are none).
 *
 * @param {ReportSummaryJson} s
 */
export function commentItems(s) {
  if (s.csat.comments.length === 0) return [el('li', { className: 'placeholder' }, 'No comments in this period.')];
  return s.csat.comments.map((c) =>
    el(
      'li',
      { className: 'comment' },
      el('span', { className: 'rating', 'aria-label': `rated ${c.rating} of 5` }, `${c.rating} ★`),
      ' ',
      el('q', null, c.comment),
      el(
        'div',
        { className: 'muted' },
        `${c.ticketReference} · `,
        el('time', { datetime: c.at }, formatDateTime(c.at)),
      ),
    ),
  );
}
