// @ts-check
/** @import { AgentApi } from './agent-api.client.js' */
/** @import { TicketView } from './ticket.view.js' */
import { errorText, SignedOut } from './agent-api.client.js';
import { byId, el } from './dom.js';

/** What the server puts in place of a message redacted whole (MessageRedactionService's REDACTED_MESSAGE). */
export const REDACTED_MESSAGE = '[redacted by an agent]';

/**
 * The "Redact" button of a customer's message, for the transcript: null when there is nothing
 * left to redact.
 *
 * @param {{ id: number, author: string, text: string | null }} m
 */
export function redactButton(m) {
  if (m.author !== 'customer' || !m.text || m.text === REDACTED_MESSAGE) return null;
  return el('button', { type: 'button', className: 'redact link', 'data-redact': m.id }, 'Redact');
}

/**
 * Wires the transcript's "Redact" buttons: a click asks to confirm inside the message (what will
 * happen, Redact / Cancel); confirming calls the redact API for the whole message and reloads
 * the ticket, which then shows the message as redacted. Text only, like the rest of the console.
 *
 * @param {{ api: AgentApi, ticket: TicketView }} deps
 */
export function wireMessageRedaction({ api, ticket }) {
  const list = byId('transcript', HTMLElement);
  list.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const ask = target?.closest('button[data-redact]');
    if (ask instanceof HTMLButtonElement) return confirmFor(ask);
    const yes = target?.closest('button[data-redact-confirm]');
    if (yes instanceof HTMLButtonElement) return void redact(yes);
    const no = target?.closest('button[data-redact-cancel]');
    if (no instanceof HTMLButtonElement) no.closest('.redact-confirm')?.replaceWith(askAgain(no));
  });

  /** @param {HTMLButtonElement} ask */
  function confirmFor(ask) {
    const id = ask.getAttribute('data-redact') ?? '';
    ask.replaceWith(
      el(
        'div',
        { className: 'redact-confirm', role: 'group', 'aria-label': 'Confirm redaction' },
        el(
          'span',
          null,
          'Redact this whole message? Its text is replaced everywhere it is stored, also in the customer’s chat. This cannot be undone.',
        ),
        ' ',
        el('button', { type: 'button', className: 'danger', 'data-redact-confirm': id }, 'Redact message'),
        ' ',
        el('button', { type: 'button', 'data-redact-cancel': id }, 'Cancel'),
      ),
    );
  }

  /** @param {HTMLButtonElement} cancel */
  function askAgain(cancel) {
    const id = cancel.getAttribute('data-redact-cancel') ?? '';
    return el('button', { type: 'button', className: 'redact link', 'data-redact': id }, 'Redact');
  }

  /** @param {HTMLButtonElement} confirm */
  async function redact(confirm) {
    const detail = ticket.shown();
    const id = confirm.getAttribute('data-redact-confirm') ?? '';
    if (detail === null) return;
    confirm.disabled = true;
    try {
      const res = await api.redactMessage(detail.ticket.reference, id);
      if (!res.ok) ticket.showMessage(`Could not redact the message: ${errorText(res, 'the server refused')}`, 'error');
      await ticket.load();
    } catch (e) {
      if (!(e instanceof SignedOut))
        ticket.showMessage('Could not redact the message: the server did not answer.', 'error');
    }
  }
}
