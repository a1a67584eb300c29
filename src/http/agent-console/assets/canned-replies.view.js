// @ts-check
/** @import { CannedReplyJson } from './agent-api.types.js' */
/** @import { AgentApi } from './agent-api.client.js' */
import { SignedOut } from './agent-api.client.js';
import { byId, el } from './dom.js';

/** Wait after the last keystroke before asking the server, so typing a title is one request. */
const SEARCH_DELAY_MS = 200;

/**
 * Puts `text` into the reply box at the cursor (replacing any selection), leaving it for the
 * agent to edit before sending.
 *
 * @param {HTMLTextAreaElement} box
 * @param {string} text
 */
function insertAtCursor(box, text) {
  const start = box.selectionStart ?? box.value.length;
  const end = box.selectionEnd ?? start;
  const before = box.value.slice(0, start);
  const gap = before === '' || before.endsWith('\n') ? '' : '\n\n';
  box.setRangeText(gap + text.trim(), start, end, 'end');
  box.focus();
}

/**
 * The canned-reply picker under the reply box: searches the served knowledge's answers by title
 * (`GET /knowledge/entries?q=`) as the agent types, and inserts the chosen answer's text into the
 * reply (click, or Enter for the first). Only the latest search renders.
 *
 * @param {{ api: AgentApi }} deps
 */
export function wireCannedReplies({ api }) {
  const input = byId('canned-search', HTMLInputElement);
  const results = byId('canned-results', HTMLUListElement);
  const reply = byId('reply-text', HTMLTextAreaElement);
  /** @type {readonly CannedReplyJson[]} */
  let shown = [];
  /** The search text `shown` answers (null when nothing is shown). */
  /** @type {string | null} */
  let shownFor = null;
  let calls = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  function hide() {
    results.hidden = true;
    results.replaceChildren();
    shown = [];
    shownFor = null;
  }

  async function search() {
    clearTimeout(timer);
    const call = ++calls;
    const q = input.value.trim();
    try {
      const res = await api.knowledgeEntries(q);
      if (call !== calls || document.activeElement !== input) return;
      shown = res.ok ? res.body.entries : [];
      shownFor = q;
      const items = shown.map((entry, i) =>
        el(
          'li',
          null,
          el(
            'button',
            { type: 'button', className: 'canned-option', 'data-index': i, title: entry.answer },
            entry.title,
          ),
        ),
      );
      if (!res.ok) items.push(el('li', { className: 'muted' }, 'The answers could not be loaded.'));
      else if (items.length === 0) items.push(el('li', { className: 'muted' }, 'No answer has that title.'));
      results.replaceChildren(...items);
      results.hidden = false;
    } catch (e) {
      if (!(e instanceof SignedOut)) hide();
    }
  }

  /** @param {number} index */
  function choose(index) {
    const entry = shown[index];
    if (entry === undefined) return;
    insertAtCursor(reply, entry.answer);
    input.value = '';
    hide();
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), SEARCH_DELAY_MS);
  });
  input.addEventListener('focus', () => void search());
  input.addEventListener('keydown', (event) => {
    // Enter here picks an answer; it must never submit the reply form around it.
    if (event.key === 'Enter') {
      event.preventDefault();
      // Typed faster than the search: search for what is typed now, then take its first answer.
      if (shownFor === input.value.trim()) choose(0);
      else void search().then(() => choose(0));
    } else if (event.key === 'Escape') {
      hide();
    }
  });
  // Chosen on pointer down, before the input's blur hides the list.
  results.addEventListener('mousedown', (event) => {
    const option = event.target instanceof Element ? event.target.closest('button[data-index]') : null;
    if (option === null) return;
    event.preventDefault();
    choose(Number(option.getAttribute('data-index')));
  });
  results.addEventListener('click', (event) => {
    // Keyboard activation (Tab to an option, then Enter or Space).
    const option = event.target instanceof Element ? event.target.closest('button[data-index]') : null;
    if (option !== null) choose(Number(option.getAttribute('data-index')));
  });
  input.addEventListener('blur', (event) => {
    if (!(event.relatedTarget instanceof Node && results.contains(event.relatedTarget))) hide();
  });
}
