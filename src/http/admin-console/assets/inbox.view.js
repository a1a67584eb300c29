// @ts-check
/** @import { ApiResult } from '../../agent-console/assets/agent-api.client.js' */
/** @import { AcceptBodyJson, AcceptResultJson, EntryJson } from './admin-api.types.js' */
/** @import { AdminApi } from './admin-api.client.js' */
import { errorText, SignedOut } from '../../agent-console/assets/agent-api.client.js';
import { byId } from '../../agent-console/assets/dom.js';
import { renderSuggestionCard } from './suggestion-card.js';

/**
 * A refused decision in words: the API's own message, and for a 409 what to do about it.
 *
 * @param {ApiResult<unknown>} result
 */
function refusalText(result) {
  const text = errorText(result, 'The server refused this');
  if (result.status === 409) return `${text} Refresh the inbox and try again.`;
  return text;
}

/**
 * What an accept did, for the inbox's status line.
 *
 * @param {AcceptBodyJson} body
 * @param {AcceptResultJson} result
 * @param {readonly EntryJson[]} entries
 */
function acceptedText(body, result, entries) {
  const n = body.phrasings.length;
  const what = `${n} phrasing${n === 1 ? '' : 's'}`;
  const where =
    typeof result.file === 'string'
      ? ` (${result.file}${typeof result.line === 'number' ? `, line ${result.line}` : ''})`
      : '';
  if ('outOfScope' in body) return `Marked ${what} as not our topic${where}.`;
  if ('newEntry' in body) return `Created "${body.newEntry.title}" with ${what}${where}.`;
  const title = entries.find((entry) => entry.id === body.entryId)?.title ?? body.entryId;
  return `Added ${what} to "${title}"${where}.`;
}

/**
 * The inbox: every suggestion as a card, largest first, read on sign-in, on Refresh and after
 * each decision (not on a timer: a re-render would lose the admin's ticks).
 *
 * @param {{ api: AdminApi, onCount: (count: number | null) => void }} deps
 */
export function createInboxView({ api, onCount }) {
  const ui = {
    cards: byId('inbox-cards', HTMLElement),
    empty: byId('inbox-empty', HTMLElement),
    status: byId('inbox-status', HTMLElement),
    refresh: byId('inbox-refresh', HTMLButtonElement),
  };
  let generation = 0;

  /** @param {string} [done] what the last decision did, kept on the status line */
  async function load(done = '') {
    const mine = ++generation;
    ui.status.textContent = 'Loading…';
    let suggestions;
    let entries;
    try {
      [suggestions, entries] = await Promise.all([api.suggestions(), api.entries(null)]);
    } catch (error) {
      if (error instanceof SignedOut) return;
      ui.status.textContent = 'The server cannot be reached. Try Refresh in a moment.';
      return;
    }
    if (mine !== generation) return;
    if (!suggestions.ok || !entries.ok) {
      const failed = !suggestions.ok ? suggestions : entries;
      ui.status.textContent = errorText(failed, 'The inbox could not be read');
      return;
    }
    const all = entries.body.entries;
    ui.cards.replaceChildren(
      ...suggestions.body.suggestions.map((suggestion) =>
        renderSuggestionCard(suggestion, all, {
          accept: async (body) => {
            const res = await api.accept(suggestion.id, body);
            if (!res.ok) return refusalText(res);
            await load(acceptedText(body, res.body, all));
            return null;
          },
          dismiss: async () => {
            const res = await api.dismiss(suggestion.id);
            if (!res.ok) return refusalText(res);
            await load('Dismissed: those questions will not be suggested again.');
            return null;
          },
        }),
      ),
    );
    const count = suggestions.body.suggestions.length;
    ui.empty.hidden = count > 0;
    ui.status.textContent = done;
    document.body.dataset.inbox = 'ready';
    onCount(count);
  }

  function reset() {
    generation++;
    ui.cards.replaceChildren();
    ui.status.textContent = '';
    delete document.body.dataset.inbox;
    onCount(null);
  }

  ui.refresh.addEventListener('click', () => void load());
  return { load, reset };
}
