// @ts-check
/** @import { TicketDetailJson, TicketEventJson } from './agent-api.types.js' */
/** @import { Session } from './session.js' */
import { actorName, agentName } from './agent-names.js';
import { badge, el } from './dom.js';
import { formatDateTime, formatTime } from './format.js';
import { healthChip } from './health-chip.js';
import { validReference } from './ticket-reference.js';

/** @param {unknown} value a snake_case reason, if any */
const words = (value) => String(value || '').replace(/_/g, ' ');

/**
 * @param {HTMLElement} list the customer's `<dl>`
 * @param {TicketDetailJson} detail
 */
export function renderCustomer(list, detail) {
  const c = detail.customer;
  if (c === null) {
    list.replaceChildren(el('dd', { className: 'muted' }, 'Unknown customer'));
    return;
  }
  list.replaceChildren(
    el('dt', null, 'Name'),
    el('dd', null, c.name || '—'),
    el('dt', null, 'Email'),
    el('dd', null, c.email || '—'),
    el('dt', null, 'First seen'),
    el('dd', null, formatDateTime(c.firstSeenAt)),
    ...(detail.customerHealth ? [el('dt', null, 'Health'), el('dd', null, healthChip(detail.customerHealth))] : []),
  );
}

/**
 * The customer's other tickets, each a link that opens it (unless its reference is not one).
 *
 * @param {HTMLElement} list
 * @param {TicketDetailJson} detail
 */
export function renderOtherTickets(list, detail) {
  const items = detail.otherTickets.map((o) => {
    const ref = validReference(o.reference);
    const label = [
      o.reference,
      ' ',
      el('span', { className: 'subject' }, o.subject),
      ' ',
      badge(o.status, `status-${o.status}`),
      ' ',
      el('span', { className: 'muted' }, formatDateTime(o.createdAt)),
    ];
    return el('li', null, ref === null ? el('span', null, ...label) : el('a', { href: `#${ref}` }, ...label));
  });
  if (items.length === 0) items.push(el('li', { className: 'muted' }, 'None.'));
  list.replaceChildren(...items);
}

/**
 * What an event of the ticket's history says, after the actor's name.
 *
 * @param {Session} session
 * @param {TicketDetailJson} detail
 * @param {TicketEventJson} e
 */
function describeEvent(session, detail, e) {
  const d = e.data;
  switch (e.type) {
    case 'created':
      return `opened the ticket (${words(d.reason)}, ${d.priority})`;
    case 'escalated_again':
      return `escalated again (${words(d.reason)})`;
    case 'assigned': {
      const to = /** @type {number | null} */ (d.to);
      const from = /** @type {number | null} */ (d.from);
      if (to === null) return 'unassigned it';
      if (e.actor === `agent:${to}`)
        return from === null ? 'claimed it' : `took it over from ${agentName(session, detail, from)}`;
      return `assigned it to ${agentName(session, detail, to)}`;
    }
    case 'status_changed':
      return `changed the status from ${d.from} to ${d.to}`;
    case 'priority_changed':
      return `changed the priority from ${d.from} to ${d.to}`;
    case 'reply':
      return 'replied';
    case 'csat':
      return `rated the help ${d.rating}/5${d.comment ? `: ${d.comment}` : ''}`;
    case 'csat_sent':
      return 'asked the customer to rate the help';
    default:
      return words(e.type);
  }
}

/**
 * The ticket's history and internal notes (customer messages are in the transcript instead).
 *
 * @param {HTMLElement} list
 * @param {Session} session
 * @param {TicketDetailJson} detail
 */
export function renderEvents(list, session, detail) {
  const items = detail.events
    .filter((e) => e.type !== 'customer_message')
    .map((e) => {
      const isNote = e.type === 'note';
      return el(
        'li',
        { className: `event${isNote ? ' note' : ''}`, 'data-type': e.type },
        el(
          'div',
          { className: 'event-head' },
          el('span', { className: 'author' }, actorName(session, detail, e.actor)),
          ' ',
          isNote ? badge('internal note', 'note') : el('span', null, describeEvent(session, detail, e)),
          ' ',
          el('time', { datetime: e.createdAt, title: formatDateTime(e.createdAt) }, formatTime(e.createdAt)),
        ),
        isNote || e.type === 'reply'
          ? el('p', { className: 'text' }, typeof e.data.text === 'string' ? e.data.text : '')
          : null,
      );
    });
  list.replaceChildren(...items);
}
