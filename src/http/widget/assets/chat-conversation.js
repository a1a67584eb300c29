// @ts-check
/** @import { DirectLineRequest } from './direct-line.client.js' */
/** @import { KeyValueStorage } from './fallback-storage.js' */
/** @import { DirectLineConnection, DirectLineConversation } from './webchat.types.js' */
import { DirectLineHttpError } from './direct-line.client.js';

const USER_KEY = 'answerdesk.widget.userId';
/** A stored token with less life than this is not worth resuming with. */
const MIN_REMAINING_MS = 30 * 1000;

/** @typedef {{ conversationId: string, token: string, expires_in: number }} TokenAnswer */
/** @typedef {{ conversationId: string, token: string, expiresAt: number }} SavedConversation */
/** @typedef {{ saved: SavedConversation, resumed: boolean }} ObtainedConversation */

/**
 * @typedef {object} ChatConversationOptions
 * @property {DirectLineRequest} request
 * @property {KeyValueStorage} local where the browser's user id lives
 * @property {KeyValueStorage} session where this tab's conversation lives, to resume it on reload
 * @property {boolean} siteToken true when the embedding site hands us a bound token (`#site-token`)
 */

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Asks the embedding page for the token its server made (embed.js answers from data-token-url). */
function tokenFromSite() {
  return new Promise((resolve, reject) => {
    /** @param {MessageEvent} event */
    function onMessage(event) {
      const data = event.source === window.parent ? event.data : null;
      if (!data || (data.answerdesk !== 'token' && data.answerdesk !== 'token-error')) return;
      window.removeEventListener('message', onMessage);
      if (data.answerdesk === 'token' && typeof data.token === 'string') resolve(/** @type {string} */ (data.token));
      else reject(new Error('the site could not provide a chat token'));
    }
    window.addEventListener('message', onMessage);
    window.parent.postMessage({ answerdesk: 'token-request' }, '*');
  });
}

/**
 * The chat's Direct Line conversation: which one to use, and keeping its token alive.
 *
 * @param {ChatConversationOptions} options
 */
export function createChatConversation({ request, local, session, siteToken }) {
  // A site's conversations are kept apart, and never resumed: the next page may be another customer's.
  const sessionKey = siteToken ? 'answerdesk.widget.siteSession' : 'answerdesk.widget.session';

  /** A random user id that stays with this browser, so a person's conversations can be told apart. */
  function userId() {
    let id = local.getItem(USER_KEY);
    if (!id || !/^dl_[0-9a-f]{24}$/.test(id)) {
      id = `dl_${randomId()}`;
      local.setItem(USER_KEY, id);
    }
    return id;
  }

  /** @param {TokenAnswer} answer @returns {SavedConversation} */
  function remember(answer) {
    const saved = {
      conversationId: answer.conversationId,
      token: answer.token,
      expiresAt: Date.now() + answer.expires_in * 1000,
    };
    session.setItem(sessionKey, JSON.stringify(saved));
    return saved;
  }

  /** @returns {SavedConversation | null} */
  function stored() {
    try {
      const saved = JSON.parse(session.getItem(sessionKey) || 'null');
      if (
        saved &&
        typeof saved.token === 'string' &&
        typeof saved.conversationId === 'string' &&
        saved.expiresAt - Date.now() > MIN_REMAINING_MS
      ) {
        return saved;
      }
    } catch {
      // unreadable: start afresh
    }
    return null;
  }

  /** @param {string} token @returns {Promise<TokenAnswer>} */
  const refresh = (token) => request('POST', '/tokens/refresh', token);

  /** @returns {Promise<ObtainedConversation>} */
  async function fresh() {
    /** @type {TokenAnswer} */
    const created = await request('POST', '/tokens/generate', null, { user: { id: userId() } });
    return { saved: remember(created), resumed: false };
  }

  /**
   * The stored conversation with a refreshed token, or a new conversation.
   *
   * @returns {Promise<ObtainedConversation>}
   */
  async function obtain() {
    if (siteToken) {
      // Refreshing checks the site's token and tells us its conversation.
      return { saved: remember(await refresh(await tokenFromSite())), resumed: false };
    }
    const saved = stored();
    if (!saved) return fresh();
    let refreshed;
    try {
      refreshed = await refresh(saved.token);
    } catch {
      return fresh();
    }
    return { saved: remember(refreshed), resumed: true };
  }

  /**
   * Refreshes the token at half its life, stores it for the next reload and hands it to
   * DirectLineJS through the reconnect API (its own refresh runs only every 15 minutes).
   *
   * @param {SavedConversation} saved
   * @param {DirectLineConnection} directLine
   */
  function keepFresh(saved, directLine) {
    const delay = Math.max(5000, (saved.expiresAt - Date.now()) / 2);
    setTimeout(async () => {
      try {
        const next = remember(await refresh(saved.token));
        /** @type {DirectLineConversation} */
        const conversation = await request(
          'GET',
          `/conversations/${encodeURIComponent(next.conversationId)}`,
          next.token,
        );
        directLine.reconnect(conversation);
        keepFresh(next, directLine);
      } catch (error) {
        console.warn('answerdesk: could not refresh the chat token', error);
        const status = error instanceof DirectLineHttpError ? error.status : 0;
        if (status !== 401 && status !== 403 && status !== 404) keepFresh(saved, directLine);
      }
    }, delay);
  }

  return { obtain, keepFresh };
}
