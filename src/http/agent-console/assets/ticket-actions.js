// @ts-check
/** @import { TicketDetailJson } from './agent-api.types.js' */
/** @import { AgentApi, ApiResult } from './agent-api.client.js' */
/** @import { QueueView } from './queue.view.js' */
/** @import { Session } from './session.js' */
/** @import { TicketView } from './ticket.view.js' */
import { errorText, SignedOut } from './agent-api.client.js';
import { agentName } from './agent-names.js';
import { wireComposer } from './composer.js';
import { wireTypingSignal } from './composer-typing.js';
import { byId } from './dom.js';

/**
 * @typedef {object} ActionDeps
 * @property {AgentApi} api
 * @property {Session} session
 * @property {TicketView} ticket
 * @property {QueueView} queue
 */

/**
 * The banner after a `version_conflict`: what the ticket is now, reloaded.
 *
 * @param {Session} session
 * @param {string} describe e.g. "claim the ticket"
 * @param {string} ref
 * @param {TicketDetailJson | null} now
 */
function conflictText(session, describe, ref, now) {
  const who =
    now === null
      ? ''
      : now.ticket.assigneeId === null
        ? ' It is now unassigned'
        : ` It is now assigned to ${agentName(session, now, now.ticket.assigneeId)}`;
  return (
    `Could not ${describe}: ${ref} was changed by someone else in the meantime, so nothing was overwritten.` +
    who +
    (now === null ? '' : `, status ${now.ticket.status}, priority ${now.ticket.priority}`) +
    '. The ticket has been reloaded: check it and try again if still needed.'
  );
}

/**
 * Wires the ticket's actions (claim, solve, reopen, priority, reply, note). Each runs on the ticket as
 * shown: on success it reloads the ticket and the queue; on a conflict it reloads and says what
 * changed, never overwriting another agent's change; on any other refusal it says why.
 *
 * @param {ActionDeps} deps
 */
export function wireTicketActions({ api, session, ticket, queue }) {
  /**
   * @param {string} describe
   * @param {(detail: TicketDetailJson) => Promise<ApiResult<unknown>>} request
   * @param {() => void} [onDone]
   */
  async function act(describe, request, onDone) {
    const detail = ticket.shown();
    if (detail === null || ticket.isBusy()) return;
    const ref = detail.ticket.reference;
    ticket.setBusy(true);
    ticket.hideMessage();
    try {
      const res = await request(detail);
      if (ref !== ticket.currentRef()) return;
      if (res.ok) {
        onDone?.();
        await ticket.load();
        queue.poll();
      } else if (res.status === 409 && res.error?.code === 'version_conflict') {
        await ticket.load();
        ticket.showMessage(conflictText(session, describe, ref, ticket.shown()), 'conflict');
        queue.poll();
      } else {
        ticket.showMessage(`Could not ${describe}: ${errorText(res, 'the server refused')}`, 'error');
        if (res.status === 409) await ticket.load();
      }
    } catch (e) {
      if (e instanceof SignedOut) return;
      ticket.showMessage(
        `Could not ${describe}: the server cannot be reached. Nothing was changed; try again.`,
        'error',
      );
    } finally {
      ticket.setBusy(false);
    }
  }

  /** @param {Readonly<Record<string, unknown>>} changes */
  const patch = (changes) => (/** @type {TicketDetailJson} */ detail) =>
    api.updateTicket(detail.ticket.reference, { version: detail.ticket.version, ...changes });

  const priority = byId('priority', HTMLSelectElement);
  byId('claim', HTMLButtonElement).addEventListener('click', () => act('claim the ticket', patch({ assignee: 'me' })));
  byId('solve', HTMLButtonElement).addEventListener('click', () =>
    act('solve the ticket', patch({ status: 'solved' })),
  );
  // Reopening is a status change like any other (same version check, same audit event); the
  // customer's next messages then go to this ticket again.
  byId('reopen', HTMLButtonElement).addEventListener('click', () =>
    act('reopen the ticket', patch({ status: 'open' })),
  );
  priority.addEventListener('change', () => act('change the priority', patch({ priority: priority.value })));
  wireComposer(byId('reply-form', HTMLFormElement), byId('reply-text', HTMLTextAreaElement), (text, accepted) =>
    act('send the reply', (detail) => api.postText(detail.ticket.reference, 'replies', text), accepted),
  );
  wireTypingSignal(byId('reply-text', HTMLTextAreaElement), () => {
    const detail = ticket.shown();
    if (detail === null || detail.ticket.status === 'solved' || detail.ticket.status === 'closed') return false;
    // A courtesy: a signal that does not get through is not worth a message.
    api.signalTyping(detail.ticket.reference).catch(() => undefined);
    return true;
  });
  wireComposer(byId('note-form', HTMLFormElement), byId('note-text', HTMLTextAreaElement), (text, accepted) =>
    act('add the note', (detail) => api.postText(detail.ticket.reference, 'notes', text), accepted),
  );
}
