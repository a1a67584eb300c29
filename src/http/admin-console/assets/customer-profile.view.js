// @ts-check
/** @import { CustomerProfileJson, ProfileConversationJson, ProfileTicketJson } from './customers-api.types.js' */
/** @import { CustomersApi } from './customers-api.client.js' */
import { errorText, SignedOut } from '../../agent-console/assets/agent-api.client.js';
import { badge, el } from '../../agent-console/assets/dom.js';
import { formatDateTime } from '../../agent-console/assets/format.js';
import { healthChip } from '../../agent-console/assets/health-chip.js';
import { reasonText } from './health-reasons.js';

/**
 * @param {string} caption
 * @param {string[]} headings
 * @param {HTMLTableRowElement[]} rows
 * @param {string} empty what to say when there are no rows
 */
function table(caption, headings, rows, empty) {
  return el(
    'section',
    { className: 'profile-part', 'aria-label': caption },
    el('h3', null, caption),
    rows.length === 0
      ? el('p', { className: 'muted' }, empty)
      : el(
          'div',
          { className: 'table-wrap' },
          el(
            'table',
            { className: 'knowledge-table' },
            el('thead', null, el('tr', null, ...headings.map((h) => el('th', null, h)))),
            el('tbody', null, ...rows),
          ),
        ),
  );
}

/** @param {ProfileConversationJson} c */
function conversationRow(c) {
  return el(
    'tr',
    null,
    el('td', null, el('a', { href: `#conversation/${encodeURIComponent(c.id)}` }, formatDateTime(c.startedAt))),
    el('td', null, formatDateTime(c.lastActivityAt)),
    el('td', { className: 'num' }, String(c.messages)),
    el('td', { className: 'num' }, String(c.complaints)),
    el('td', { className: 'num' }, String(c.negativeMessages)),
  );
}

/** @param {ProfileTicketJson} t */
function ticketRow(t) {
  return el(
    'tr',
    null,
    el('td', null, t.reference),
    el('td', { className: 'subject' }, t.subject),
    el('td', null, badge(t.status, `status-${t.status}`)),
    el('td', null, formatDateTime(t.createdAt)),
    el('td', { className: 'num' }, t.csatRating === null ? '—' : `${t.csatRating} / 5`),
    el('td', null, t.csatComment ?? ''),
  );
}

/** @param {CustomerProfileJson} p */
function renderProfile(p) {
  const c = p.customer;
  return [
    el(
      'div',
      { className: 'profile-health' },
      el(
        'dl',
        { className: 'customer-facts' },
        ...[
          ['Email', c.email || '—'],
          ['First seen', formatDateTime(c.firstSeenAt)],
          ['Last contact', formatDateTime(c.lastSeenAt)],
        ].flatMap(([term, value]) => [el('dt', null, term ?? ''), el('dd', null, value ?? '')]),
      ),
      el('p', { className: 'profile-score' }, 'Health ', healthChip({ score: p.score, band: p.band })),
      p.reasons.length === 0
        ? el('p', { className: 'muted' }, 'Nothing in this customer’s history takes points off.')
        : el(
            'ol',
            { id: 'customer-reasons', className: 'reason-list' },
            ...p.reasons.map((r) => el('li', null, reasonText(r))),
          ),
    ),
    table(
      'Conversations',
      ['Started', 'Last activity', 'Messages', 'Complaints', 'Negative'],
      p.conversations.map(conversationRow),
      'No conversations.',
    ),
    table(
      'Tickets and ratings',
      ['Ticket', 'Subject', 'Status', 'Opened', 'Rating', 'Comment'],
      p.tickets.map(ticketRow),
      'No tickets.',
    ),
  ];
}

/**
 * One customer's profile (`#customer/<id>`): health score and every reason, conversations (each
 * opens in the conversation view), tickets with their ratings. "Back" returns to the list.
 *
 * @param {{ api: CustomersApi, parent: HTMLElement }} deps
 */
export function createCustomerProfileView({ api, parent }) {
  const back = el('button', { id: 'customer-back', type: 'button' }, 'Back');
  const title = el('h2', { id: 'customer-title' });
  const status = el('span', { id: 'customer-status', className: 'muted', 'aria-live': 'polite' });
  const body = el('div', { id: 'customer-profile', className: 'customer-profile' });
  const section = el(
    'section',
    { id: 'customer', className: 'panel', 'aria-labelledby': 'customer-title', hidden: true },
    el('div', { className: 'panel-head' }, back, title, status),
    body,
  );
  parent.append(section);
  back.addEventListener('click', () => {
    if (history.length > 1) history.back();
    else location.hash = '#customers';
  });
  let generation = 0;

  /** @param {number} id */
  async function open(id) {
    const mine = ++generation;
    title.textContent = `Customer ${id}`;
    body.replaceChildren();
    status.textContent = 'Loading…';
    let res;
    try {
      res = await api.profile(id);
    } catch (error) {
      if (!(error instanceof SignedOut)) status.textContent = 'The server cannot be reached. Try again in a moment.';
      return;
    }
    if (mine !== generation) return;
    if (!res.ok) {
      status.textContent = errorText(res, 'The customer could not be read');
      return;
    }
    status.textContent = '';
    title.textContent = res.body.customer.name || res.body.customer.email || `Customer ${id}`;
    body.replaceChildren(...renderProfile(res.body));
  }

  return { section, open };
}
