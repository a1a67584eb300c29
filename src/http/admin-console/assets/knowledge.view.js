// @ts-check
/** @import { EntryJson } from './admin-api.types.js' */
/** @import { AdminApi } from './admin-api.client.js' */
import { errorText, SignedOut } from '../../agent-console/assets/agent-api.client.js';
import { badge, byId, el } from '../../agent-console/assets/dom.js';
import { formatDateTime, formatNumber } from '../../agent-console/assets/format.js';

const DAY_MS = 86_400_000;

/** @param {number | null} rate */
function percent(rate) {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

/** @param {EntryJson} entry */
function renderRow(entry) {
  const recent = entry.recentQuestions;
  return el(
    'tr',
    { 'data-entry-id': entry.id },
    el(
      'td',
      null,
      el('div', { className: 'entry-title' }, entry.title),
      el('code', { className: 'muted' }, entry.id),
      entry.enabled ? null : badge('disabled', 'status-closed'),
      el('div', { className: 'muted' }, `${formatNumber(entry.phrasings)} phrasings`),
    ),
    el('td', { className: 'num' }, formatNumber(entry.questions)),
    el('td', { className: 'num', title: `${entry.answered} of ${entry.questions}` }, percent(entry.answerRate)),
    el(
      'td',
      { className: 'num', title: `${entry.helpful} of ${entry.votes} votes` },
      percent(entry.helpfulRate),
      el('div', { className: 'muted' }, `${formatNumber(entry.votes)} votes`),
    ),
    el(
      'td',
      null,
      recent.length === 0
        ? el('span', { className: 'muted' }, 'none in this period')
        : el(
            'ul',
            { className: 'recent' },
            ...recent.map((q) =>
              el(
                'li',
                null,
                el('q', null, q.text),
                ' ',
                q.answered ? null : badge('not answered', 'unhelpful'),
                q.helpful === null
                  ? null
                  : badge(q.helpful ? 'helped' : 'did not help', q.helpful ? 'helpful' : 'unhelpful'),
                ' ',
                el('time', { className: 'muted', datetime: q.at }, formatDateTime(q.at)),
                ' ',
                el('a', { href: `#conversation/${encodeURIComponent(q.conversationId)}` }, 'conversation'),
              ),
            ),
          ),
    ),
  );
}

/**
 * The knowledge view: every entry with its traffic, answer rate and helpful rate over the chosen
 * period, and its recent questions; the filter narrows by id, title or answer.
 *
 * @param {{ api: AdminApi }} deps
 */
export function createKnowledgeView({ api }) {
  const ui = {
    period: byId('knowledge-period', HTMLSelectElement),
    search: byId('knowledge-search', HTMLInputElement),
    rows: byId('knowledge-rows', HTMLElement),
    status: byId('knowledge-status', HTMLElement),
  };
  /** @type {readonly EntryJson[]} */
  let entries = [];
  let generation = 0;

  function render() {
    const words = ui.search.value
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    const shown = entries.filter((entry) =>
      words.every((word) => `${entry.id} ${entry.title} ${entry.answer}`.toLowerCase().includes(word)),
    );
    ui.rows.replaceChildren(...shown.map(renderRow));
  }

  async function load() {
    const mine = ++generation;
    const to = new Date();
    const from = new Date(to.getTime() - Number(ui.period.value) * DAY_MS);
    ui.status.textContent = 'Loading…';
    let res;
    try {
      res = await api.entries({ from: from.toISOString(), to: to.toISOString() });
    } catch (error) {
      if (!(error instanceof SignedOut)) ui.status.textContent = 'The server cannot be reached. Try again in a moment.';
      return;
    }
    if (mine !== generation) return;
    if (!res.ok) {
      ui.status.textContent = errorText(res, 'The knowledge could not be read');
      return;
    }
    entries = res.body.entries;
    ui.status.textContent = `${formatNumber(entries.length)} entries`;
    render();
    document.body.dataset.knowledge = 'ready';
  }

  function reset() {
    generation++;
    entries = [];
    ui.rows.replaceChildren();
    delete document.body.dataset.knowledge;
  }

  ui.period.addEventListener('change', () => void load());
  ui.search.addEventListener('input', render);
  return { load, reset };
}
