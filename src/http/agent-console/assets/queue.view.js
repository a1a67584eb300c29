// @ts-check
/** @import { TicketListItemJson } from './agent-api.types.js' */
/** @import { AgentApi } from './agent-api.client.js' */
/** @import { AgentConsoleClientConfig } from './console-config.types.js' */
/** @import { Session } from './session.js' */

import { errorText, SignedOut } from './agent-api.client.js';
import { complaintCategoryLabel } from './complaint-labels.js';
import { badge, byId, el } from './dom.js';
import { formatAge, formatDateTime, formatNumber, formatTime } from './format.js';
import { healthChip } from './health-chip.js';

/** The status filter's choices: the `status` the API is asked for, and what the count says. */
const STATUS_VIEWS = /** @type {const} */ ({
  open: { statuses: 'new,open,pending', counted: 'open' },
  pending: { statuses: 'pending', counted: 'pending' },
  solved: { statuses: 'solved,closed', counted: 'solved' },
  all: { statuses: null, counted: 'in all' },
});

/** Wait after the last keystroke in the search box before asking the server. */
const SEARCH_DELAY_MS = 250;

/** @param {string} value @returns {(typeof STATUS_VIEWS)[keyof typeof STATUS_VIEWS]} */
function statusView(value) {
  return value === 'pending' || value === 'solved' || value === 'all' ? STATUS_VIEWS[value] : STATUS_VIEWS.open;
}

/**
 * @typedef {object} QueueDeps
 * @property {AgentConsoleClientConfig} config
 * @property {AgentApi} api
 * @property {Session} session
 * @property {() => string | null} currentRef the reference of the ticket open beside the queue
 */

/** @param {TicketListItemJson} t @param {number | null} me @param {boolean} isNew */
function queueRow(t, me, isNew) {
  const assignee =
    t.assigneeId === null ? 'unassigned' : t.assigneeId === me ? 'me' : t.assigneeName || `agent ${t.assigneeId}`;
  const category = t.category ? complaintCategoryLabel(t.category) : null;
  return el(
    'tr',
    { className: `queue-row priority-${t.priority}${isNew ? ' is-new' : ''}`, 'data-ref': t.reference, tabindex: '0' },
    el('td', { className: 'ref', title: `status: ${t.status}` }, t.reference),
    el('td', { className: 'subject', title: t.subject }, t.subject),
    // The band first: a long name is cut with an ellipsis, the chip must stay in sight.
    el(
      'td',
      { className: 'customer', title: t.customerEmail || '' },
      healthChip(t.customerHealth),
      el('span', { className: 'customer-name' }, t.customerName || t.customerEmail || 'anonymous'),
    ),
    el(
      'td',
      { className: 'category', title: [category, t.complaintSeverity].filter(Boolean).join(' · ') },
      category || '—',
      t.complaintSeverity ? badge(t.complaintSeverity, 'complaint') : null,
    ),
    el('td', null, badge(t.priority, `priority-${t.priority}`)),
    sentimentCell(t),
    el('td', { className: 'waiting', title: `since ${formatDateTime(t.createdAt)}` }, formatAge(t.createdAt)),
    el('td', { className: `assignee${t.assigneeId === null ? ' muted' : ''}` }, assignee),
  );
}

const TREND_ARROWS = { improving: '↗', steady: '→', worsening: '↘' };

/**
 * The customer's worst message's sentiment (a ticket opened on a furious complaint stays
 * "negative" after a "hello?") and which way their mood is moving; the latest is in the tooltip.
 * @param {TicketListItemJson} t
 */
function sentimentCell(t) {
  if (!t.worstSentiment) return el('td', { className: 'sentiment' }, el('span', { className: 'muted' }, '—'));
  const trend = t.sentimentTrend ?? 'steady';
  return el(
    'td',
    {
      className: 'sentiment',
      title: `worst: ${t.worstSentiment}; latest: ${t.latestSentiment ?? '—'}; trend: ${trend}`,
      'data-worst': t.worstSentiment,
      'data-trend': trend,
    },
    badge(t.worstSentiment, `sentiment-${t.worstSentiment}`),
    el('span', { className: `trend trend-${trend}`, 'aria-label': trend }, TREND_ARROWS[trend]),
  );
}

/** Opens the ticket of a clicked row (or one chosen with Enter or Space) through the URL hash. */
function openFromRow(/** @type {Event} */ event) {
  const row = event.target instanceof Element ? event.target.closest('tr[data-ref]') : null;
  if (row === null) return;
  if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  location.hash = row.getAttribute('data-ref') ?? '';
}

/**
 * The queue of tickets: polls its page every `pollMs` (only the latest call renders and
 * schedules the next, so polls never pile up), marks tickets that arrived since the last look,
 * filters by status (open / pending / solved / all) and assignee (all / unassigned / mine),
 * searches on the server (reference, email, name, message text) and pages.
 *
 * @param {QueueDeps} deps
 */
export function createQueueView({ config, api, session, currentRef }) {
  const ui = {
    count: byId('queue-count', HTMLElement),
    filter: byId('queue-filter', HTMLSelectElement),
    statusFilter: byId('queue-status-filter', HTMLSelectElement),
    search: byId('queue-search', HTMLInputElement),
    status: byId('queue-status', HTMLElement),
    rows: byId('queue-rows', HTMLTableSectionElement),
    empty: byId('queue-empty', HTMLElement),
    prev: byId('page-prev', HTMLButtonElement),
    next: byId('page-next', HTMLButtonElement),
    pageInfo: byId('page-info', HTMLElement),
  };
  let offset = 0;
  /** @type {readonly TicketListItemJson[]} */
  let items = [];
  let signature = '';
  /** References shown so far; null until the first page after sign-in (nothing is "new" then). */
  /** @type {Set<string> | null} */
  let seen = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let rendered = false;
  let calls = 0;

  function path() {
    const params = new URLSearchParams({ limit: String(config.pageSize), offset: String(offset) });
    const { statuses } = statusView(ui.statusFilter.value);
    if (statuses !== null) params.set('status', statuses);
    if (ui.filter.value === 'me' || ui.filter.value === 'none') params.set('assignee', ui.filter.value);
    const search = ui.search.value.trim();
    if (search !== '') params.set('q', search);
    return params.toString();
  }

  async function poll() {
    clearTimeout(timer);
    const token = session.token;
    const call = ++calls;
    const latest = () => token === session.token && call === calls;
    try {
      const res = await api.tickets(path());
      if (!latest()) return;
      if (!res.ok) {
        ui.status.textContent = errorText(res, 'The queue could not be loaded');
      } else if (res.body.total > 0 && offset >= res.body.total) {
        // The last page emptied (tickets were solved): show the page before it.
        offset = Math.max(0, Math.floor((res.body.total - 1) / config.pageSize) * config.pageSize);
        return poll();
      } else {
        render(res.body.tickets, res.body.total);
        ui.status.textContent = `updated ${formatTime(new Date().toISOString())}`;
        ui.status.classList.remove('stale');
      }
    } catch (e) {
      if (e instanceof SignedOut || !latest()) return;
      ui.status.textContent = 'connection lost, retrying…';
      ui.status.classList.add('stale');
    }
    if (latest()) timer = setTimeout(poll, config.pollMs);
  }

  /** @param {readonly TicketListItemJson[]} next @param {number} total */
  function render(next, total) {
    const nextSignature = JSON.stringify(next);
    if (nextSignature !== signature) {
      const known = seen ?? new Set();
      const firstLoad = seen === null;
      ui.rows.replaceChildren(...next.map((t) => queueRow(t, session.agentId, !firstLoad && !known.has(t.reference))));
      for (const t of next) known.add(t.reference);
      seen = known;
      signature = nextSignature;
      items = next;
    } else {
      refreshWaiting();
    }
    markCurrentRow();
    renderCounts(total);
    if (!rendered) {
      rendered = true;
      performance.mark('answerdesk-queue-rendered');
      document.body.setAttribute('data-queue', 'ready');
    }
  }

  /** Same tickets: only the waiting times move. */
  function refreshWaiting() {
    Array.from(ui.rows.children).forEach((row, i) => {
      const item = items[i];
      const waiting = row.querySelector('.waiting');
      if (item && waiting) waiting.textContent = formatAge(item.createdAt);
    });
  }

  /** @param {number} total */
  function renderCounts(total) {
    ui.empty.hidden = items.length > 0;
    ui.empty.textContent =
      ui.search.value.trim() !== '' || ui.statusFilter.value !== 'open' || ui.filter.value !== 'all'
        ? 'No tickets match.'
        : 'No open tickets. New ones appear here by themselves.';
    ui.count.textContent = `${formatNumber(total)} ${statusView(ui.statusFilter.value).counted}`;
    const last = Math.min(offset + items.length, total);
    ui.pageInfo.textContent =
      total === 0 ? '' : `${formatNumber(offset + 1)}–${formatNumber(last)} of ${formatNumber(total)}`;
    ui.prev.disabled = offset === 0;
    ui.next.disabled = offset + config.pageSize >= total;
  }

  function markCurrentRow() {
    const ref = currentRef();
    for (const row of ui.rows.children) {
      const current = row.getAttribute('data-ref') === ref;
      row.classList.toggle('is-current', current);
      if (current) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  /** Shows the first page after a sign-in; no ticket counts as new on it. */
  function start() {
    seen = null;
    rendered = false;
    return poll();
  }

  /** Forgets everything shown (on sign-out); a poll still under way is dropped. */
  function reset() {
    clearTimeout(timer);
    calls += 1;
    offset = 0;
    items = [];
    signature = '';
    seen = null;
    rendered = false;
    ui.rows.replaceChildren();
    ui.count.textContent = '';
    ui.search.value = '';
  }

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let searchTimer;
  const refilter = () => {
    clearTimeout(searchTimer);
    offset = 0;
    // Another selection: its tickets are not "new arrivals".
    seen = null;
    void poll();
  };
  ui.filter.addEventListener('change', refilter);
  ui.statusFilter.addEventListener('change', refilter);
  ui.search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(refilter, SEARCH_DELAY_MS);
  });
  ui.prev.addEventListener('click', () => {
    offset = Math.max(0, offset - config.pageSize);
    void poll();
  });
  ui.next.addEventListener('click', () => {
    offset += config.pageSize;
    void poll();
  });
  ui.rows.addEventListener('click', openFromRow);
  ui.rows.addEventListener('keydown', openFromRow);

  return { start, poll, reset, markCurrentRow };
}

/** @typedef {ReturnType<typeof createQueueView>} QueueView */
