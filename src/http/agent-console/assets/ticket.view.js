// @ts-check
/** @import { TicketDetailJson, TicketJson } from './agent-api.types.js' */
/** @import { AgentApi } from './agent-api.client.js' */
/** @import { AgentConsoleClientConfig } from './console-config.types.js' */
/** @import { Session } from './session.js' */

import { errorText, SignedOut } from './agent-api.client.js';
import { agentName } from './agent-names.js';
import { createBanner } from './banner.js';
import { complaintCategoryLabel } from './complaint-labels.js';
import { setComposerEnabled } from './composer.js';
import { badge, byId, el } from './dom.js';
import { formatAgo, formatDateTime } from './format.js';
import { validReference } from './ticket-reference.js';
import { renderCustomer, renderEvents, renderOtherTickets } from './ticket-side.view.js';
import { renderTranscript } from './transcript.view.js';

/**
 * @typedef {object} TicketDeps
 * @property {AgentConsoleClientConfig} config
 * @property {AgentApi} api
 * @property {Session} session
 * @property {() => void} onCurrentChanged called when another ticket (or none) is open
 */

/** @param {TicketJson} t */
const isClosed = (t) => t.status === 'solved' || t.status === 'closed';

/**
 * The open ticket beside the queue: which one is open follows the URL hash (`#T-1001`), and it is
 * re-read every `pollMs`; a response older than one already shown is dropped, and an unchanged
 * one only moves the ages.
 *
 * @param {TicketDeps} deps
 */
export function createTicketView({ config, api, session, onCurrentChanged }) {
  const ui = {
    section: byId('ticket', HTMLElement),
    none: byId('no-ticket', HTMLElement),
    title: byId('ticket-title', HTMLElement),
    facts: byId('ticket-facts', HTMLElement),
    close: byId('ticket-close', HTMLButtonElement),
    claim: byId('claim', HTMLButtonElement),
    priority: byId('priority', HTMLSelectElement),
    solve: byId('solve', HTMLButtonElement),
    reopen: byId('reopen', HTMLButtonElement),
    back: byId('ticket-back', HTMLButtonElement),
    transcript: byId('transcript', HTMLElement),
    replyForm: byId('reply-form', HTMLFormElement),
    replyText: byId('reply-text', HTMLTextAreaElement),
    customer: byId('customer', HTMLElement),
    otherTickets: byId('other-tickets', HTMLElement),
    events: byId('events', HTMLElement),
    noteForm: byId('note-form', HTMLFormElement),
    noteText: byId('note-text', HTMLTextAreaElement),
  };
  const banner = createBanner(byId('ticket-message', HTMLElement));
  /** @type {string | null} */
  let ref = null;
  /** @type {TicketDetailJson | null} */
  let detail = null;
  let signature = '';
  let requested = 0;
  let applied = 0;
  let busy = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  function routeFromHash() {
    if (session.token === null) return;
    const wanted = validReference(decodeURIComponent(location.hash.slice(1)));
    if (wanted === null) {
      if (location.hash.length > 1)
        banner.show(`"${location.hash.slice(1)}" is not a ticket reference (like T-1001).`, 'error');
      close(false);
    } else if (wanted !== ref) {
      open(wanted);
    }
  }

  /** @param {string} next */
  function open(next) {
    clearTimeout(timer);
    ref = next;
    detail = null;
    signature = '';
    banner.hide();
    ui.replyText.value = '';
    ui.noteText.value = '';
    ui.section.hidden = false;
    ui.none.hidden = true;
    ui.title.textContent = next;
    ui.facts.replaceChildren('Loading…');
    for (const list of [ui.transcript, ui.events, ui.otherTickets, ui.customer]) list.replaceChildren();
    onCurrentChanged();
    void load();
  }

  /** @param {boolean} updateUrl also drop the ticket from the URL (a new history entry) */
  function close(updateUrl) {
    clearTimeout(timer);
    ref = null;
    detail = null;
    signature = '';
    ui.section.hidden = true;
    ui.none.hidden = false;
    if (updateUrl && location.hash !== '') history.pushState(null, '', location.pathname + location.search);
    onCurrentChanged();
  }

  /** Reads the open ticket; resolves when it is shown (or the read failed). */
  async function load() {
    clearTimeout(timer);
    const loading = ref;
    if (loading === null) return;
    const seq = ++requested;
    try {
      const res = await api.ticket(loading);
      if (loading !== ref || seq < applied) return;
      applied = seq;
      if (res.status === 404) {
        banner.show(errorText(res, 'There is no such ticket'), 'error');
        ui.facts.replaceChildren();
        return;
      }
      if (!res.ok) banner.show(errorText(res, 'The ticket could not be loaded'), 'error');
      else render(res.body);
    } catch (e) {
      if (e instanceof SignedOut) return;
      if (loading === ref) ui.facts.setAttribute('data-stale', 'true');
    }
    if (loading === ref && seq === requested) timer = setTimeout(load, config.pollMs);
  }

  /** @param {TicketDetailJson} next */
  function render(next) {
    const nextSignature = JSON.stringify(next);
    ui.facts.removeAttribute('data-stale');
    if (nextSignature === signature) {
      refreshAges();
      return;
    }
    const previous = detail;
    detail = next;
    signature = nextSignature;
    renderHead(next);
    renderTranscript(ui.transcript, session, next, previous);
    renderCustomer(ui.customer, next);
    renderOtherTickets(ui.otherTickets, next);
    renderEvents(ui.events, session, next);
  }

  /** Title, facts and the action buttons. @param {TicketDetailJson} shown */
  function renderHead(shown) {
    const t = shown.ticket;
    const closed = isClosed(t);
    ui.title.replaceChildren(
      el('span', { className: 'ref' }, t.reference),
      ' ',
      el('span', { className: 'subject' }, t.subject),
    );
    ui.facts.replaceChildren(
      badge(t.status, `status-${t.status}`),
      ' ',
      badge(t.priority, `priority-${t.priority}`),
      ' ',
      el(
        'span',
        { className: 'assigned' },
        t.assigneeId === null ? 'Unassigned' : `Assigned to ${agentName(session, shown, t.assigneeId)}`,
      ),
      ' · ',
      t.category ? `category ${complaintCategoryLabel(t.category)}` : 'no category',
      ` · reason ${t.reason.replace(/_/g, ' ')}`,
      ' · opened ',
      el(
        'span',
        { className: 'age', 'data-since': t.createdAt, title: formatDateTime(t.createdAt) },
        formatAgo(t.createdAt),
      ),
    );
    if (t.csatRating !== null) ui.facts.append(el('span', { className: 'csat' }, ` · rated ${t.csatRating}/5`));
    ui.claim.hidden = closed || t.assigneeId === session.agentId;
    ui.claim.textContent =
      t.assigneeId === null ? 'Claim' : `Take over from ${agentName(session, shown, t.assigneeId)}`;
    ui.priority.value = t.priority;
    ui.solve.disabled = closed;
    ui.solve.textContent = closed ? (t.status === 'solved' ? 'Solved' : 'Closed') : 'Solve';
    ui.reopen.hidden = !closed;
    setComposerEnabled(ui.replyForm, !closed, busy);
  }

  function refreshAges() {
    for (const age of ui.section.querySelectorAll('[data-since]'))
      age.textContent = formatAgo(age.getAttribute('data-since') ?? '');
  }

  /** While an action is under way, its buttons and the composers wait. @param {boolean} next */
  function setBusy(next) {
    busy = next;
    for (const control of [ui.claim, ui.priority, ui.solve, ui.reopen]) control.disabled = next;
    const closed = detail !== null && isClosed(detail.ticket);
    setComposerEnabled(ui.replyForm, !closed, busy);
    setComposerEnabled(ui.noteForm, true, busy);
    if (!next && closed) ui.solve.disabled = true;
    // A refused priority change must not leave the selector showing a priority the ticket does not have.
    if (!next && detail !== null) ui.priority.value = detail.ticket.priority;
  }

  ui.close.addEventListener('click', () => close(true));
  ui.back.addEventListener('click', () => close(true));

  return {
    routeFromHash,
    close,
    load,
    setBusy,
    showMessage: banner.show,
    hideMessage: banner.hide,
    currentRef: () => ref,
    /** The ticket as last shown, or null (none open, or not loaded yet). */
    shown: () => detail,
    isBusy: () => busy,
  };
}

/** @typedef {ReturnType<typeof createTicketView>} TicketView */
