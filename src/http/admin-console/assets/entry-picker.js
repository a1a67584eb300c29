// @ts-check
/** @import { EntryJson } from './admin-api.types.js' */
import { el } from '../../agent-console/assets/dom.js';

/** How many matching entries the list shows at once (it scrolls). */
const VISIBLE_ROWS = 6;

/**
 * A searchable list of every knowledge entry: typing filters by id, title or answer; the chosen
 * entry's answer is shown under the list so the admin sees what customers would get.
 *
 * @param {readonly EntryJson[]} entries
 * @param {string} label what the picker is for, e.g. "Add to another entry"
 */
export function createEntryPicker(entries, label) {
  const search = el('input', {
    type: 'search',
    className: 'picker-search',
    placeholder: 'Search entries',
    'aria-label': `${label}: search`,
  });
  const list = el('select', { className: 'picker-list', size: VISIBLE_ROWS, 'aria-label': `${label}: entries` });
  const preview = el('p', { className: 'picker-preview muted' });
  const sorted = [...entries].sort((a, b) => a.title.localeCompare(b.title));

  function fill() {
    const words = search.value
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    const shown = sorted.filter((entry) => {
      const haystack = `${entry.id} ${entry.title} ${entry.answer}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
    const keep = list.value;
    list.replaceChildren(...shown.map((entry) => el('option', { value: entry.id }, `${entry.title} (${entry.id})`)));
    if (shown.some((entry) => entry.id === keep)) list.value = keep;
    else if (shown.length === 1 && shown[0] !== undefined) list.value = shown[0].id;
    showPreview();
  }

  function showPreview() {
    const entry = selected();
    preview.textContent = entry === null ? 'Choose an entry.' : entry.answer;
  }

  /** @returns {EntryJson | null} */
  function selected() {
    return sorted.find((entry) => entry.id === list.value) ?? null;
  }

  search.addEventListener('input', fill);
  list.addEventListener('change', showPreview);
  fill();
  return { element: el('div', { className: 'picker' }, search, list, preview), selected };
}
