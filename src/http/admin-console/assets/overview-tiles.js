// @ts-check
/** @import { ReportSummaryJson } from './report-api.types.js' */
import { el } from '../../agent-console/assets/dom.js';
import { formatCount, formatDuration, formatRate } from './overview-format.js';

/**
 * One figure of a tile: its place in the report (`data-figure`, e.g. `csat.score`, which the
 * browser test reads), its words and its formatted value.
 *
 * @typedef {{ figure: string, label: string, value: string }} Figure
 */

/**
 * One headline tile: the main figure, the figures beside it, and what it counts.
 *
 * @typedef {{ id: string, title: string, main: Figure, more: Figure[], hint: string }} Tile
 */

/**
 * Counts by key (handoff reasons, complaint severities) as figures, largest first.
 *
 * @param {string} prefix
 * @param {Readonly<Record<string, number>>} counts
 * @returns {Figure[]}
 */
function countFigures(prefix, counts) {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([key, n]) => ({ figure: `${prefix}.${key}`, label: key.replaceAll('_', ' '), value: formatCount(n) }));
}

/** @type {(figure: string, label: string, value: string) => Figure} */
const f = (figure, label, value) => ({ figure, label, value });

/**
 * The tiles of what the bot did: volume, answers, resolution, handoffs, votes.
 *
 * @param {ReportSummaryJson} s
 * @returns {Tile[]}
 */
function botTiles(s) {
  return [
    {
      id: 'conversations',
      title: 'Conversations',
      main: f('conversations', '', formatCount(s.conversations)),
      more: [],
      hint: 'started in the period',
    },
    {
      id: 'questions',
      title: 'Questions',
      main: f('questions', '', formatCount(s.questions)),
      more: [],
      hint: 'customer questions asked',
    },
    {
      id: 'answerRate',
      title: 'Answer rate',
      main: f('answerRate', '', formatRate(s.answerRate)),
      more: [
        f('didYouMeanRate', 'did you mean', formatRate(s.didYouMeanRate)),
        f('noMatchRate', 'no match', formatRate(s.noMatchRate)),
      ],
      hint: 'of questions',
    },
    {
      id: 'botResolutionRate',
      title: 'Bot resolution',
      main: f('botResolutionRate', '', formatRate(s.botResolutionRate)),
      more: [f('conversationsWithQuestion', 'with a question', formatCount(s.conversationsWithQuestion))],
      hint: 'conversations with a question that ended without a handoff',
    },
    {
      id: 'handoffRate',
      title: 'Handoff rate',
      main: f('handoffRate', '', formatRate(s.handoffRate)),
      more: [
        f('handedOffConversations', 'all handoffs', formatCount(s.handedOffConversations)),
        ...countFigures('handoffReasons', s.handoffReasons),
      ],
      hint: 'rate: of conversations with a question; counts: every handoff, by reason',
    },
    {
      id: 'helpfulRate',
      title: 'Helpful',
      main: f('helpfulRate', '', formatRate(s.helpfulRate)),
      more: [
        f('helpfulVotes.yes', 'yes', formatCount(s.helpfulVotes.yes)),
        f('helpfulVotes.no', 'no', formatCount(s.helpfulVotes.no)),
      ],
      hint: '"yes" of the "did this help?" votes',
    },
  ];
}

/**
 * The tiles of what people did and felt: agents' times, ratings, mood, complaints.
 *
 * @param {ReportSummaryJson} s
 * @returns {Tile[]}
 */
function peopleTiles(s) {
  return [
    {
      id: 'firstResponseSeconds',
      title: 'First response',
      main: f('firstResponseSeconds.median', 'median', formatDuration(s.firstResponseSeconds.median)),
      more: [f('firstResponseSeconds.p90', 'p90', formatDuration(s.firstResponseSeconds.p90))],
      hint: 'from the handoff to the first agent reply',
    },
    {
      id: 'resolutionSeconds',
      title: 'Resolution',
      main: f('resolutionSeconds.median', 'median', formatDuration(s.resolutionSeconds.median)),
      more: [f('resolutionSeconds.p90', 'p90', formatDuration(s.resolutionSeconds.p90))],
      hint: 'from ticket created to solved',
    },
    {
      id: 'csat',
      title: 'CSAT',
      main: f('csat.score', '', formatRate(s.csat.score)),
      more: [
        f('csat.responseRate', 'response rate', formatRate(s.csat.responseRate)),
        f('csat.ratings', 'ratings', formatCount(s.csat.ratings)),
        f('csat.surveysSent', 'surveys sent', formatCount(s.csat.surveysSent)),
      ],
      hint: 'ratings of 4 or 5; ratings per survey sent',
    },
    {
      id: 'negativeShare',
      title: 'Negative messages',
      main: f('negativeShare', '', formatRate(s.negativeShare)),
      more: [f('angrierShare', 'conversations got angrier', formatRate(s.angrierShare))],
      hint: 'of scored customer messages',
    },
    {
      id: 'complaints',
      title: 'Complaints',
      main: f('complaints.total', '', formatCount(s.complaints.total)),
      more: countFigures('complaints.bySeverity', s.complaints.bySeverity),
      hint: 'by severity',
    },
  ];
}

/**
 * The overview's headline tiles, in reading order.
 *
 * @param {ReportSummaryJson} s
 * @returns {Tile[]}
 */
export function overviewTiles(s) {
  return [...botTiles(s), ...peopleTiles(s)];
}

/**
 * A tile as elements: the figures are text, each marked with its `data-figure`.
 *
 * @param {Tile} tile
 */
export function renderTile(tile) {
  /** @param {Figure} figure */
  const value = (figure) => el('span', { className: 'figure', 'data-figure': figure.figure }, figure.value);
  return el(
    'article',
    { className: 'tile', 'data-tile': tile.id },
    el('h3', null, tile.title),
    el(
      'p',
      { className: 'tile-value' },
      tile.main.label === '' ? null : el('span', { className: 'tile-label' }, `${tile.main.label} `),
      value(tile.main),
    ),
    tile.more.length === 0
      ? null
      : el(
          'ul',
          { className: 'tile-more' },
          ...tile.more.map((figure) => el('li', null, el('span', null, figure.label), ' ', value(figure))),
        ),
    el('p', { className: 'tile-hint muted' }, tile.hint),
  );
}
