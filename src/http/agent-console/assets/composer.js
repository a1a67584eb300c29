// @ts-check
// The two text composers of a ticket: the reply to the customer and the internal note.

/**
 * Enables or disables every control of a composer form.
 *
 * @param {HTMLFormElement} form
 * @param {boolean} enabled false while the ticket is closed
 * @param {boolean} busy true while an action on the ticket is under way
 */
export function setComposerEnabled(form, enabled, busy) {
  for (const control of form.elements) {
    if (control instanceof HTMLButtonElement || control instanceof HTMLTextAreaElement)
      control.disabled = !enabled || busy;
  }
  form.classList.toggle('disabled', !enabled);
}

/**
 * Calls `send` with the text on submit (or Ctrl/Cmd+Enter), unless it is blank. `send` calls
 * `accepted` once the server took the text: the box is then emptied, unless the agent typed on.
 *
 * @param {HTMLFormElement} form
 * @param {HTMLTextAreaElement} textarea
 * @param {(text: string, accepted: () => void) => void} send
 */
export function wireComposer(form, textarea, send) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textarea.value;
    if (text.trim() === '') return;
    send(text, () => {
      if (textarea.value === text) textarea.value = '';
    });
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
}
