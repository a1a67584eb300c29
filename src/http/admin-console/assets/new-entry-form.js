// @ts-check
import { el } from '../../agent-console/assets/dom.js';

/**
 * The "new entry" form of a card: id, title and answer. The server checks them (a bad id or a
 * taken one comes back as a 400 or 409 in words); the browser only requires them.
 *
 * @param {(entry: { id: string, title: string, answer: string }) => void} onSubmit
 */
export function createNewEntryForm(onSubmit) {
  const id = el('input', { name: 'id', required: true, placeholder: 'kebab-case-id', spellcheck: 'false' });
  const title = el('input', { name: 'title', required: true });
  const answer = el('textarea', { name: 'answer', rows: 3, required: true });
  const button = el('button', { type: 'submit', className: 'primary' }, 'Create entry with the ticked phrasings');
  const element = el(
    'form',
    { className: 'new-entry' },
    el('label', null, 'Id', id),
    el('label', null, 'Title', title),
    el('label', null, 'Answer', answer),
    button,
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit({ id: id.value.trim(), title: title.value.trim(), answer: answer.value.trim() });
  });
  return { element, button };
}
