// @ts-check
/** @import { ConversationMessageJson } from './admin-api.types.js' */
/** @import { AdminApi } from './admin-api.client.js' */
import { errorText, SignedOut } from '../../agent-console/assets/agent-api.client.js';
import { badge, byId, el } from '../../agent-console/assets/dom.js';
import { formatDateTime } from '../../agent-console/assets/format.js';

/**
 * What the bot made of a customer message, in a few words.
 *
 * @param {ConversationMessageJson} m
 */
function outcome(m) {
  if (m.author !== 'customer') return null;
  if (m.answeredEntryId !== null) return badge(`answered: ${m.answeredEntryId}`, 'helpful');
  if (m.match !== null) return badge(m.match.kind === 'no-match' ? 'no match' : m.match.kind, 'unhelpful');
  return m.kind === null ? null : badge(m.kind, 'note');
}

/** @param {ConversationMessageJson} m */
function renderMessage(m) {
  return el(
    'li',
    { className: `message from-${m.author}` },
    el(
      'div',
      { className: 'message-head' },
      el('span', { className: 'author' }, m.author),
      ' ',
      el('time', { className: 'muted', datetime: m.at }, formatDateTime(m.at)),
      ' ',
      outcome(m),
      m.helpful === null ? null : badge(m.helpful ? 'helped' : 'did not help', m.helpful ? 'helpful' : 'unhelpful'),
    ),
    el('div', { className: 'text' }, m.text ?? ''),
  );
}

/**
 * A conversation as the customer had it, opened from an inbox example or a recent question
 * (`#conversation/<id>`); "Back" returns to where the admin was, ticks kept.
 *
 * @param {{ api: AdminApi }} deps
 */
export function createConversationView({ api }) {
  const ui = {
    title: byId('conversation-title', HTMLElement),
    list: byId('conversation-messages', HTMLElement),
    status: byId('conversation-status', HTMLElement),
  };
  let generation = 0;

  /** @param {string} id */
  async function open(id) {
    const mine = ++generation;
    ui.title.textContent = `Conversation ${id}`;
    ui.list.replaceChildren();
    ui.status.textContent = 'Loading…';
    let res;
    try {
      res = await api.conversation(id);
    } catch (error) {
      if (!(error instanceof SignedOut)) ui.status.textContent = 'The server cannot be reached. Try again in a moment.';
      return;
    }
    if (mine !== generation) return;
    if (!res.ok) {
      ui.status.textContent = errorText(res, 'The conversation could not be read');
      return;
    }
    ui.status.textContent = '';
    ui.list.replaceChildren(...res.body.messages.map(renderMessage));
  }

  return { open };
}
