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
 * The picker's list: one button per answer (its index in `entries`), or why there is none.
 *
 * @param {readonly CannedReplyJson[]} entries
 * @param {boolean} loaded false when the search failed
 */
function resultItems(entries, loaded) {
  if (!loaded) return [el('li', { className: 'muted' }, 'The answers could not be loaded.')];
  if (entries.length === 0) return [el('li', { className: 'muted' }, 'No answer has that title.')];
  return entries.map((entry, i) =>
    el(
      'li',
      null,
      el('button', { type: 'button', className: 'canned-option', 'data-index': i, title: entry.answer }, entry.title),
    ),
  );
}

/**
 * The chosen option's index, from a pointer or keyboard event on the list; null elsewhere.
 *
 * @param {Event} event
 */
function optionIndex(event) {
  const option = event.target instanceof Element ? event.target.closest('button[data-index]') : null;
  return option === null ? null : Number(option.getAttribute('data-index'));
}

/**
 * Searches the served knowledge's answers by title as `input` is typed in, and shows them in
 * `results`; only the latest search renders.
 *
 * @param {AgentApi} api
 * @param {HTMLInputElement} input
 * @param {HTMLUListElement} results
 */
function createAnswerSearch(api, input, results) {
  /** @type {readonly CannedReplyJson[]} */
  let shown = [];
  /** The search text `shown` answers (null when nothing is shown). */
  /** @type {string | null} */
  let shownFor = null;
  let calls = 0;

  function hide() {
    results.hidden = true;
    results.replaceChildren();
    shown = [];
    shownFor = null;
  }

  async function search() {
    const call = ++calls;
    const q = input.value.trim();
    try {
      const res = await api.knowledgeEntries(q);
      if (call !== calls || document.activeElement !== input) return;
      shown = res.ok ? res.body.entries : [];
      shownFor = q;
      results.replaceChildren(...resultItems(shown, res.ok));
      results.hidden = false;
    } catch (e) {
      if (!(e instanceof SignedOut)) hide();
    }
  }

  return {
    search,
    hide,
    /** The answers shown now, searching first when they are not for what is typed now. */
    async current() {
      if (shownFor !== input.value.trim()) await search();
      return shown;
    },
    /** @param {number} index */
    at: (index) => shown[index],
  };
}

/**
 * The canned-reply picker under the reply box: searches the served knowledge's answers by title
 * (`GET /knowledge/entries?q=`) as the agent types, and inserts the chosen answer's text into the
 * reply (click, or Enter for the first), for the agent to edit before sending.
 *
 * @param {{ api: AgentApi }} deps
 */
export function wireCannedReplies({ api }) {
  const input = byId('canned-search', HTMLInputElement);
  const results = byId('canned-results', HTMLUListElement);
  const reply = byId('reply-text', HTMLTextAreaElement);
  const answers = createAnswerSearch(api, input, results);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /** @param {CannedReplyJson | undefined} entry */
  function choose(entry) {
    if (entry === undefined) return;
    insertAtCursor(reply, entry.answer);
    input.value = '';
    answers.hide();
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void answers.search(), SEARCH_DELAY_MS);
  });
  input.addEventListener('focus', () => void answers.search());
  input.addEventListener('keydown', (event) => {
    // Enter here picks an answer; it must never submit the reply form around it.
    if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(timer);
      void answers.current().then((entries) => choose(entries[0]));
    } else if (event.key === 'Escape') {
      answers.hide();
    }
  });
  // Chosen on pointer down, before the input's blur hides the list.
  results.addEventListener('mousedown', (event) => {
    const index = optionIndex(event);
    if (index === null) return;
    event.preventDefault();
    choose(answers.at(index));
  });
  // Keyboard activation (Tab to an option, then Enter or Space).
  results.addEventListener('click', (event) => {
    const index = optionIndex(event);
    if (index !== null) choose(answers.at(index));
  });
  input.addEventListener('blur', (event) => {
    if (!(event.relatedTarget instanceof Node && results.contains(event.relatedTarget))) answers.hide();
  });
}
