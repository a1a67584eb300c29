// @ts-check
/** @import { AcceptBodyJson, EntryJson, SuggestionJson } from './admin-api.types.js' */
import { badge, el } from '../../agent-console/assets/dom.js';
import { formatDateTime } from '../../agent-console/assets/format.js';
import { createEntryPicker } from './entry-picker.js';
import { createNewEntryForm } from './new-entry-form.js';
import { createPhrasingList } from './phrasing-list.js';

/** What each suggested action is called on a card. */
const ACTION_LABELS = { 'add-phrasings': 'add to an entry', 'new-entry': 'new entry', 'out-of-scope': 'not our topic' };

/**
 * What a card asks its inbox to do; each resolves to the refusal in words, or null when done.
 *
 * @typedef {object} CardActions
 * @property {(body: AcceptBodyJson) => Promise<string | null>} accept
 * @property {() => Promise<string | null>} dismiss
 */

/** @param {SuggestionJson} suggestion */
function evidenceText(suggestion) {
  const parts = [];
  const confidence = suggestion.evidence?.confidence;
  if (typeof confidence === 'number') parts.push(`matcher confidence ${Math.round(confidence * 100)}%`);
  const chosen = suggestion.evidence?.chosenByCustomers ?? 0;
  if (chosen > 0) parts.push(`chosen by ${chosen} customer${chosen === 1 ? '' : 's'} from "did you mean"`);
  return parts.join(' · ');
}

/** @param {SuggestionJson} suggestion */
function renderExamples(suggestion) {
  const examples = suggestion.examples ?? [];
  if (examples.length === 0) return null;
  return el(
    'details',
    { className: 'examples' },
    el('summary', null, `Example messages (${examples.length})`),
    el(
      'ul',
      null,
      ...examples.map((example) =>
        el(
          'li',
          null,
          el('q', null, example.text),
          ' ',
          el('time', { className: 'muted', datetime: example.at }, formatDateTime(example.at)),
          ' ',
          el('a', { href: `#conversation/${encodeURIComponent(example.conversationId)}` }, 'conversation'),
        ),
      ),
    ),
  );
}

/**
 * The card's head: size, suggested action, reasons, first and last seen.
 *
 * @param {SuggestionJson} suggestion
 */
function renderHead(suggestion) {
  return el(
    'header',
    { className: 'suggestion-head' },
    el('h3', null, `${suggestion.count} question${suggestion.count === 1 ? '' : 's'}`),
    badge(`suggested: ${ACTION_LABELS[suggestion.action] ?? suggestion.action}`, 'action'),
    ...suggestion.reasons.map((reason) => badge(reason, 'reason')),
    el(
      'p',
      { className: 'muted seen' },
      `First seen ${formatDateTime(suggestion.firstSeen)} · last seen ${formatDateTime(suggestion.lastSeen)}`,
    ),
  );
}

/**
 * The suggested entry with its title, why, and its answer; or why there is none.
 *
 * @param {SuggestionJson} suggestion
 * @param {EntryJson | null} suggested
 */
function renderSuggested(suggestion, suggested) {
  const evidence = evidenceText(suggestion);
  const body =
    suggested === null
      ? el(
          'p',
          { className: 'muted' },
          suggestion.entryId === null
            ? 'No existing entry fits these questions.'
            : `The suggested entry ${suggestion.entryId} is no longer in the knowledge.`,
        )
      : el(
          'div',
          null,
          el(
            'h4',
            null,
            'Suggested entry: ',
            el('span', { className: 'entry-title' }, suggested.title),
            ' ',
            el('code', null, suggested.id),
          ),
          evidence === '' ? null : el('p', { className: 'muted' }, evidence),
          el('blockquote', { className: 'answer' }, suggested.answer),
        );
  return el('section', { className: 'suggested', 'aria-label': 'Suggested entry' }, body);
}

/**
 * One suggestion as a card: its phrasings with checkboxes (all ticked at first), why they were
 * missed, the suggested entry, example messages, and the decisions. Accepting sends only the
 * ticked phrasings. Every string is rendered as text.
 *
 * @param {SuggestionJson} suggestion
 * @param {readonly EntryJson[]} entries every entry, for the picker and the suggested entry's answer
 * @param {CardActions} actions
 */
export function renderSuggestionCard(suggestion, entries, actions) {
  const suggested = entries.find((entry) => entry.id === suggestion.entryId) ?? null;
  const error = el('p', { className: 'error card-error', role: 'alert' });
  const phrasings = createPhrasingList(suggestion.phrasings);
  const picker = createEntryPicker(entries, 'Add to another entry');
  const newEntry = createNewEntryForm((entry) => accept((p) => ({ newEntry: entry, phrasings: p })));
  const addSuggested =
    suggested === null ? null : el('button', { type: 'button', className: 'primary' }, `Add to "${suggested.title}"`);
  const addPicked = el('button', { type: 'button' }, 'Add to the chosen entry');
  const outOfScope = el('button', { type: 'button' }, 'Not our topic');
  const dismiss = el('button', { type: 'button', className: 'quiet' }, 'Dismiss');
  const buttons = [addSuggested, addPicked, outOfScope, dismiss, newEntry.button];

  /** @param {() => Promise<string | null>} run */
  async function decide(run) {
    error.textContent = '';
    for (const button of buttons) if (button) button.disabled = true;
    let refusal;
    try {
      refusal = await run();
    } catch {
      refusal = 'The server cannot be reached. Try again in a moment.';
    }
    for (const button of buttons) if (button) button.disabled = false;
    if (refusal !== null) error.textContent = refusal;
  }

  /** @param {(phrasings: string[]) => AcceptBodyJson} body */
  function accept(body) {
    const chosen = phrasings.chosen();
    if (chosen.length === 0) error.textContent = 'Tick at least one phrasing first.';
    else void decide(() => actions.accept(body(chosen)));
  }

  addSuggested?.addEventListener('click', () => {
    if (suggested !== null) accept((p) => ({ entryId: suggested.id, phrasings: p }));
  });
  addPicked.addEventListener('click', () => {
    const entry = picker.selected();
    if (entry === null) error.textContent = 'Choose an entry in the list first.';
    else accept((p) => ({ entryId: entry.id, phrasings: p }));
  });
  outOfScope.addEventListener('click', () => accept((p) => ({ outOfScope: true, phrasings: p })));
  dismiss.addEventListener('click', () => void decide(actions.dismiss));

  return el(
    'article',
    { className: 'suggestion', 'data-suggestion-id': suggestion.id },
    renderHead(suggestion),
    phrasings.element,
    renderSuggested(suggestion, suggested),
    renderExamples(suggestion),
    el(
      'div',
      { className: 'decide' },
      addSuggested,
      el('details', { className: 'choice' }, el('summary', null, 'Add to another entry'), picker.element, addPicked),
      el(
        'details',
        { className: 'choice', open: suggestion.action === 'new-entry' },
        el('summary', null, 'New entry'),
        newEntry.element,
      ),
      outOfScope,
      dismiss,
    ),
    error,
  );
}
