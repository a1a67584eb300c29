// @ts-check
/** @import { TicketDetailJson, TranscriptMessageJson } from './agent-api.types.js' */
/** @import { Session } from './session.js' */

import { actorName } from './agent-names.js';
import { complaintCategoryLabel } from './complaint-labels.js';
import { badge, el } from './dom.js';
import { formatDateTime, formatTime } from './format.js';
import { markdownNodes } from './markdown.js';
import { redactButton } from './message-redaction.js';

/** How close to the bottom (px) counts as "reading the latest", so new messages scroll into view. */
const STICK_TO_BOTTOM_PX = 40;

/** @param {TranscriptMessageJson} m */
function markers(m) {
  const found = [];
  if (m.sentiment)
    found.push(badge(`${m.sentiment.label} ${m.sentiment.comparative.toFixed(2)}`, `sentiment-${m.sentiment.label}`));
  if (m.complaint?.isComplaint) {
    const parts = [
      'complaint',
      m.complaint.category ? complaintCategoryLabel(m.complaint.category) : null,
      m.complaint.severity,
    ].filter(Boolean);
    found.push(badge(parts.join(' · '), 'complaint'));
  }
  if (m.helpful === true) found.push(badge('rated helpful', 'helpful'));
  if (m.helpful === false) found.push(badge('rated not helpful', 'unhelpful'));
  return found;
}

/** @param {TranscriptMessageJson} m @param {string} who @param {boolean} isNew */
function transcriptItem(m, who, isNew) {
  return el(
    'li',
    { className: `message from-${m.author}${isNew ? ' is-new' : ''}`, 'data-author': m.author, 'data-id': m.id },
    el(
      'div',
      { className: 'message-head' },
      el('span', { className: 'author' }, who),
      el('time', { datetime: m.createdAt, title: formatDateTime(m.createdAt) }, formatTime(m.createdAt)),
      ...markers(m),
      redactButton(m),
    ),
    messageText(m),
    offeredActions(m),
  );
}

/**
 * The message's text: the bot's and agents' as the Markdown they were sent as (rendered as nodes,
 * see markdown.js), the customer's as plain text, exactly as typed.
 *
 * @param {TranscriptMessageJson} m
 */
function messageText(m) {
  if (!m.text) return el('p', { className: 'text muted' }, `(no text: ${m.match ? m.match.kind : 'card or event'})`);
  if (m.author === 'customer') return el('p', { className: 'text' }, m.text);
  return el('div', { className: 'text markdown' }, ...markdownNodes(m.text));
}

/**
 * The buttons the message offered (a "did you mean" list, follow-ups), as labels.
 *
 * @param {TranscriptMessageJson} m
 */
function offeredActions(m) {
  if (m.offered.length === 0) return null;
  return el(
    'div',
    { className: 'offered' },
    el('span', { className: 'offered-label' }, 'Offered:'),
    el(
      'ul',
      { className: 'chips', 'aria-label': 'Buttons offered' },
      ...m.offered.map((t) => el('li', { className: 'chip' }, t)),
    ),
  );
}

/**
 * Who wrote each message. Agent messages do not say which agent wrote them; their reply events do.
 *
 * @param {Session} session
 * @param {TicketDetailJson} detail
 * @returns {(m: TranscriptMessageJson) => string}
 */
function authors(session, detail) {
  const customerName = detail.customer?.name || 'Customer';
  /** @type {Map<string, string>} */
  const replyAuthors = new Map();
  for (const e of detail.events) {
    if (e.type === 'reply' && typeof e.data.text === 'string')
      replyAuthors.set(e.data.text.trim(), actorName(session, detail, e.actor));
  }
  return (m) =>
    m.author === 'customer'
      ? customerName
      : m.author === 'agent'
        ? replyAuthors.get((m.text || '').trim()) || 'Agent'
        : 'Bot';
}

/**
 * Renders the conversation into `list` as text, marking the messages that are new since
 * `previous` (the same ticket's last rendering) and keeping the agent's scroll position unless
 * they were at the bottom.
 *
 * @param {HTMLElement} list
 * @param {Session} session
 * @param {TicketDetailJson} detail
 * @param {TicketDetailJson | null} previous
 */
export function renderTranscript(list, session, detail, previous) {
  const sameTicket = previous !== null && previous.ticket.reference === detail.ticket.reference;
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < STICK_TO_BOTTOM_PX;
  const oldCount = sameTicket ? previous.transcript.length : 0;
  const authorOf = authors(session, detail);
  const items = detail.transcript.map((m, i) => transcriptItem(m, authorOf(m), sameTicket && i >= oldCount));
  if (items.length === 0) items.push(el('li', { className: 'placeholder' }, 'No messages yet.'));
  list.replaceChildren(...items);
  if (!sameTicket || atBottom) list.scrollTop = list.scrollHeight;
}
