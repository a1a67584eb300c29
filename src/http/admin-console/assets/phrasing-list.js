// @ts-check
/** @import { SuggestionJson } from './admin-api.types.js' */
import { el } from '../../agent-console/assets/dom.js';

/**
 * A suggestion's phrasings as checkboxes, all ticked at first, each with how many messages used
 * it, and how many are ticked in the legend. `chosen()` is what an accept sends.
 *
 * @param {SuggestionJson['phrasings']} phrasings
 */
export function createPhrasingList(phrasings) {
  const ticked = el('span', { className: 'muted ticked' });
  const boxes = phrasings.map((phrasing) => el('input', { type: 'checkbox', value: phrasing.text, checked: true }));
  const element = el(
    'fieldset',
    { className: 'phrasings' },
    el('legend', null, 'Phrasings ', ticked),
    el(
      'ul',
      null,
      ...phrasings.map((phrasing, i) =>
        el(
          'li',
          null,
          el('label', null, boxes[i], el('span', { className: 'phrasing' }, phrasing.text)),
          el('span', { className: 'times', title: 'messages with this wording' }, `×${phrasing.count}`),
        ),
      ),
    ),
  );
  const showTicked = () => {
    ticked.textContent = `(${boxes.filter((box) => box.checked).length} of ${boxes.length} ticked)`;
  };
  element.addEventListener('change', showTicked);
  showTicked();
  return { element, chosen: () => boxes.filter((box) => box.checked).map((box) => box.value) };
}
