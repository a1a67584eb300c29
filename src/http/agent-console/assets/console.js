// answerdesk agent console: signs in with an agent token (kept in sessionStorage only), polls the
// queue and the open ticket, and acts on tickets through the agent API. Served as-is (no build).
// Everything that comes from customers, tickets or agents is rendered as text nodes: this file
// never assigns HTML (the page's CSP requires Trusted Types and allows no policy, so the browser
// would refuse it anyway).
(function () {
  'use strict';

  const TOKEN_KEY = 'answerdesk.agent.token';
  const REFERENCE = /^T-\d{1,12}$/;
  const OPEN_STATUSES = 'new,open,pending';
  const config = JSON.parse(document.getElementById('agent-console-config').textContent);

  const $ = (id) => document.getElementById(id);
  const ui = {
    who: $('who'), meName: $('me-name'), signOut: $('sign-out'),
    signIn: $('sign-in'), signInForm: $('sign-in-form'), token: $('token'), signInError: $('sign-in-error'),
    console: $('console'),
    queueCount: $('queue-count'), queueFilter: $('queue-filter'), queueStatus: $('queue-status'),
    queueRows: $('queue-rows'), queueEmpty: $('queue-empty'),
    pagePrev: $('page-prev'), pageNext: $('page-next'), pageInfo: $('page-info'),
    ticket: $('ticket'), noTicket: $('no-ticket'), message: $('ticket-message'),
    title: $('ticket-title'), facts: $('ticket-facts'), close: $('ticket-close'),
    claim: $('claim'), priority: $('priority'), solve: $('solve'),
    transcript: $('transcript'), replyForm: $('reply-form'), replyText: $('reply-text'),
    customer: $('customer'), otherTickets: $('other-tickets'), events: $('events'),
    noteForm: $('note-form'), noteText: $('note-text'),
  };

  const state = {
    token: null,
    me: null,
    queue: { offset: 0, filter: 'all', items: [], total: 0, signature: '', seen: null, timer: null, rendered: false, calls: 0 },
    ticket: { ref: null, detail: null, signature: '', requested: 0, applied: 0, timer: null, busy: false },
  };

  // ---------------------------------------------------------------- storage and DOM helpers

  function storedToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  function storeToken(token) {
    try {
      if (token === null) sessionStorage.removeItem(TOKEN_KEY);
      else sessionStorage.setItem(TOKEN_KEY, token);
    } catch (e) {
      // Storage blocked: the token lives in memory for this page only.
    }
  }

  /** An element with attributes and children; strings become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function clear(node) {
    node.replaceChildren();
  }

  function badge(text, kind) {
    return el('span', { className: 'badge badge-' + kind }, text);
  }

  // Built once: toLocaleString() with options builds a new formatter on every call, which is slow.
  const TIME = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const DATE_TIME = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeStyle: 'short' });
  const NUMBER = new Intl.NumberFormat();

  function formatTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : TIME.format(date);
  }

  function formatDateTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : DATE_TIME.format(date);
  }

  /** "just now", "4 min", "2 h 5 m", "3 d 4 h". */
  function formatAge(iso) {
    const ms = Date.now() - new Date(iso).getTime();
    if (!(ms >= 0)) return 'just now';
    const minutes = Math.floor(ms / 60000);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return minutes + ' min';
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return hours + ' h ' + (minutes % 60) + ' m';
    return Math.floor(hours / 24) + ' d ' + (hours % 24) + ' h';
  }

  function formatAgo(iso) {
    const age = formatAge(iso);
    return age === 'just now' ? age : age + ' ago';
  }

  function validReference(raw) {
    const ref = String(raw || '').trim().toUpperCase();
    return REFERENCE.test(ref) ? ref : null;
  }

  // ---------------------------------------------------------------- API

  class SignedOut extends Error {}

  /** Calls the agent API; resolves `{ status, body }` for any HTTP answer, throws on network failure or 401. */
  async function api(method, path, body) {
    const headers = { Accept: 'application/json', Authorization: 'Bearer ' + state.token };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(config.apiPath + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    let parsed = null;
    try {
      parsed = await res.json();
    } catch (e) {
      parsed = null;
    }
    if (res.status === 401 && state.token !== null) {
      signOut('Your session ended: the token is no longer valid. Sign in again.');
      throw new SignedOut();
    }
    return { status: res.status, body: parsed };
  }

  function errorText(response, fallback) {
    const message = response.body && response.body.error && response.body.error.message;
    return typeof message === 'string' && message !== '' ? message : fallback + ' (HTTP ' + response.status + ')';
  }

  // ---------------------------------------------------------------- sign in / out

  async function signIn(token) {
    state.token = token;
    let res;
    try {
      res = await fetch(config.apiPath + '/me', { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' }, cache: 'no-store' });
    } catch (e) {
      state.token = null;
      showSignIn('The server cannot be reached. Try again in a moment.');
      return;
    }
    if (res.status !== 200) {
      state.token = null;
      storeToken(null);
      const body = await res.json().catch(() => null);
      showSignIn((body && body.error && body.error.message) || 'Sign-in failed (HTTP ' + res.status + ').');
      return;
    }
    state.me = await res.json();
    storeToken(token);
    ui.token.value = '';
    ui.signIn.hidden = true;
    ui.console.hidden = false;
    ui.who.hidden = false;
    ui.meName.textContent = state.me.name + (state.me.role === 'admin' ? ' (admin)' : '');
    state.queue.seen = null;
    state.queue.rendered = false;
    pollQueue();
    routeFromHash();
  }

  function showSignIn(error) {
    ui.signIn.hidden = false;
    ui.console.hidden = true;
    ui.who.hidden = true;
    ui.signInError.textContent = error || '';
    ui.token.focus();
  }

  function signOut(reason) {
    storeToken(null);
    state.token = null;
    state.me = null;
    clearTimeout(state.queue.timer);
    clearTimeout(state.ticket.timer);
    state.queue = { offset: 0, filter: ui.queueFilter.value, items: [], total: 0, signature: '', seen: null, timer: null, rendered: false, calls: state.queue.calls + 1 };
    closeTicket(false);
    clear(ui.queueRows);
    ui.queueCount.textContent = '';
    ui.meName.textContent = '';
    showSignIn(reason);
  }

  // ---------------------------------------------------------------- queue

  function queuePath() {
    let path = '/tickets?status=' + OPEN_STATUSES + '&limit=' + config.pageSize + '&offset=' + state.queue.offset;
    if (state.queue.filter === 'me' || state.queue.filter === 'none') path += '&assignee=' + state.queue.filter;
    return path;
  }

  /** Reads the queue page; only the latest call renders and schedules the next one, so polls never pile up. */
  async function pollQueue() {
    clearTimeout(state.queue.timer);
    const token = state.token;
    const call = ++state.queue.calls;
    const latest = () => token === state.token && call === state.queue.calls;
    try {
      const res = await api('GET', queuePath());
      if (!latest()) return;
      if (res.status !== 200) {
        ui.queueStatus.textContent = errorText(res, 'The queue could not be loaded');
      } else if (res.body.total > 0 && state.queue.offset >= res.body.total) {
        // The last page emptied (tickets were solved): show the page before it.
        state.queue.offset = Math.max(0, Math.floor((res.body.total - 1) / config.pageSize) * config.pageSize);
        return pollQueue();
      } else {
        renderQueue(res.body.tickets, res.body.total);
        ui.queueStatus.textContent = 'updated ' + formatTime(new Date().toISOString());
        ui.queueStatus.classList.remove('stale');
      }
    } catch (e) {
      if (e instanceof SignedOut || !latest()) return;
      ui.queueStatus.textContent = 'connection lost, retrying…';
      ui.queueStatus.classList.add('stale');
    }
    if (latest()) state.queue.timer = setTimeout(pollQueue, config.pollMs);
  }

  function renderQueue(items, total) {
    const queue = state.queue;
    const signature = JSON.stringify(items);
    const firstLoad = queue.seen === null;
    if (signature !== queue.signature) {
      const seen = queue.seen || new Set();
      const rows = items.map((t) => queueRow(t, !firstLoad && !seen.has(t.reference)));
      ui.queueRows.replaceChildren(...rows);
      for (const t of items) seen.add(t.reference);
      queue.seen = seen;
      queue.signature = signature;
      queue.items = items;
    } else {
      // Same tickets: only the waiting times move.
      Array.from(ui.queueRows.children).forEach((row, i) => {
        const item = queue.items[i];
        if (item) row.querySelector('.waiting').textContent = formatAge(item.createdAt);
      });
    }
    queue.total = total;
    markCurrentRow();
    ui.queueEmpty.hidden = items.length > 0;
    ui.queueCount.textContent = NUMBER.format(total) + ' open';
    const last = Math.min(queue.offset + items.length, total);
    ui.pageInfo.textContent = total === 0 ? '' : NUMBER.format(queue.offset + 1) + '–' + NUMBER.format(last) + ' of ' + NUMBER.format(total);
    ui.pagePrev.disabled = queue.offset === 0;
    ui.pageNext.disabled = queue.offset + config.pageSize >= total;
    if (!queue.rendered) {
      queue.rendered = true;
      performance.mark('answerdesk-queue-rendered');
      document.body.setAttribute('data-queue', 'ready');
    }
  }

  function queueRow(t, isNew) {
    const sentiment = t.latestSentiment || 'unknown';
    const assignee = t.assigneeId === null ? 'unassigned' : t.assigneeId === state.me.id ? 'me' : t.assigneeName || 'agent ' + t.assigneeId;
    const row = el(
      'tr',
      { className: 'queue-row priority-' + t.priority + (isNew ? ' is-new' : ''), 'data-ref': t.reference, tabindex: '0' },
      el('td', { className: 'ref', title: 'status: ' + t.status }, t.reference),
      el('td', { className: 'subject', title: t.subject }, t.subject),
      el('td', { className: 'customer', title: t.customerEmail || '' }, t.customerName || t.customerEmail || 'anonymous'),
      el('td', { className: 'category' }, t.category || '—'),
      el('td', null, badge(t.priority, 'priority-' + t.priority)),
      el('td', null, t.latestSentiment ? badge(t.latestSentiment, 'sentiment-' + sentiment) : el('span', { className: 'muted' }, '—')),
      el('td', { className: 'waiting', title: 'since ' + formatDateTime(t.createdAt) }, formatAge(t.createdAt)),
      el('td', { className: 'assignee' + (t.assigneeId === null ? ' muted' : '') }, assignee),
    );
    return row;
  }

  function markCurrentRow() {
    for (const row of ui.queueRows.children) {
      const current = row.getAttribute('data-ref') === state.ticket.ref;
      row.classList.toggle('is-current', current);
      if (current) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  function openFromRow(event) {
    const row = event.target.closest('tr[data-ref]');
    if (row === null) return;
    if (event.type === 'keydown' && event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    location.hash = row.getAttribute('data-ref');
  }

  // ---------------------------------------------------------------- ticket

  function routeFromHash() {
    if (state.token === null) return;
    const ref = validReference(decodeURIComponent(location.hash.slice(1)));
    if (ref === null) {
      if (location.hash.length > 1) showMessage('"' + location.hash.slice(1) + '" is not a ticket reference (like T-1001).', 'error');
      closeTicket(false);
    } else if (ref !== state.ticket.ref) {
      openTicket(ref);
    }
  }

  function openTicket(ref) {
    clearTimeout(state.ticket.timer);
    state.ticket.ref = ref;
    state.ticket.detail = null;
    state.ticket.signature = '';
    hideMessage();
    ui.replyText.value = '';
    ui.noteText.value = '';
    ui.ticket.hidden = false;
    ui.noTicket.hidden = true;
    ui.title.textContent = ref;
    clear(ui.facts);
    ui.facts.append('Loading…');
    for (const list of [ui.transcript, ui.events, ui.otherTickets, ui.customer]) clear(list);
    markCurrentRow();
    loadTicket();
  }

  function closeTicket(updateUrl) {
    clearTimeout(state.ticket.timer);
    state.ticket.ref = null;
    state.ticket.detail = null;
    state.ticket.signature = '';
    ui.ticket.hidden = true;
    ui.noTicket.hidden = false;
    if (updateUrl && location.hash !== '') history.pushState(null, '', location.pathname + location.search);
    markCurrentRow();
  }

  /** Reads the open ticket; a response older than one already shown is dropped. Resolves when shown. */
  async function loadTicket() {
    clearTimeout(state.ticket.timer);
    const ref = state.ticket.ref;
    if (ref === null) return;
    const seq = ++state.ticket.requested;
    try {
      const res = await api('GET', '/tickets/' + encodeURIComponent(ref));
      if (ref !== state.ticket.ref || seq < state.ticket.applied) return;
      state.ticket.applied = seq;
      if (res.status === 404) {
        showMessage(errorText(res, 'There is no such ticket'), 'error');
        clear(ui.facts);
        return;
      }
      if (res.status !== 200) showMessage(errorText(res, 'The ticket could not be loaded'), 'error');
      else renderTicket(res.body);
    } catch (e) {
      if (e instanceof SignedOut) return;
      if (ref === state.ticket.ref) ui.facts.setAttribute('data-stale', 'true');
    }
    if (ref === state.ticket.ref && seq === state.ticket.requested) state.ticket.timer = setTimeout(loadTicket, config.pollMs);
  }

  function agentName(detail, id) {
    if (id === null || id === undefined) return null;
    if (state.me && id === state.me.id) return state.me.name + ' (you)';
    const known = detail.agents.find((a) => a.id === id);
    return known ? known.name : 'agent ' + id;
  }

  function actorName(detail, actor) {
    const match = /^agent:(\d+)$/.exec(actor);
    if (match) return agentName(detail, Number(match[1]));
    if (actor === 'customer') return (detail.customer && detail.customer.name) || 'Customer';
    return actor === 'bot' ? 'Bot' : actor;
  }

  function renderTicket(detail) {
    const signature = JSON.stringify(detail);
    ui.facts.removeAttribute('data-stale');
    if (signature === state.ticket.signature) {
      refreshAges();
      return;
    }
    const previous = state.ticket.detail;
    state.ticket.detail = detail;
    state.ticket.signature = signature;
    const t = detail.ticket;
    const closed = t.status === 'solved' || t.status === 'closed';

    ui.title.replaceChildren(el('span', { className: 'ref' }, t.reference), ' ', el('span', { className: 'subject' }, t.subject));
    ui.facts.replaceChildren(
      badge(t.status, 'status-' + t.status), ' ',
      badge(t.priority, 'priority-' + t.priority), ' ',
      el('span', { className: 'assigned' }, t.assigneeId === null ? 'Unassigned' : 'Assigned to ' + agentName(detail, t.assigneeId)),
      ' · ', t.category ? 'category ' + t.category : 'no category',
      ' · reason ' + t.reason.replace(/_/g, ' '),
      ' · opened ', el('span', { className: 'age', 'data-since': t.createdAt, title: formatDateTime(t.createdAt) }, formatAgo(t.createdAt)),
    );
    if (t.csatRating !== null) ui.facts.append(el('span', { className: 'csat' }, ' · rated ' + t.csatRating + '/5'));
    ui.claim.hidden = closed || t.assigneeId === state.me.id;
    ui.claim.textContent = t.assigneeId === null ? 'Claim' : 'Take over from ' + agentName(detail, t.assigneeId);
    ui.priority.value = t.priority;
    ui.solve.disabled = closed;
    ui.solve.textContent = closed ? (t.status === 'solved' ? 'Solved' : 'Closed') : 'Solve';
    setComposerEnabled(ui.replyForm, !closed);

    renderTranscript(detail, previous);
    renderCustomer(detail);
    renderOtherTickets(detail);
    renderEvents(detail);
  }

  function refreshAges() {
    for (const age of ui.ticket.querySelectorAll('[data-since]')) age.textContent = formatAgo(age.getAttribute('data-since'));
  }

  function setComposerEnabled(form, enabled) {
    for (const control of form.elements) control.disabled = !enabled || state.ticket.busy;
    form.classList.toggle('disabled', !enabled);
  }

  function renderTranscript(detail, previous) {
    const list = ui.transcript;
    const sameTicket = previous !== null && previous.ticket.reference === detail.ticket.reference;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const oldCount = sameTicket ? previous.transcript.length : 0;
    const customerName = (detail.customer && detail.customer.name) || 'Customer';
    // Agent messages do not say which agent wrote them; their reply events do.
    const replyAuthors = new Map();
    for (const e of detail.events) {
      if (e.type === 'reply' && typeof e.data.text === 'string') replyAuthors.set(e.data.text.trim(), actorName(detail, e.actor));
    }
    const authorOf = (m) => (m.author === 'customer' ? customerName : m.author === 'agent' ? replyAuthors.get((m.text || '').trim()) || 'Agent' : 'Bot');
    const items = detail.transcript.map((m, i) => transcriptItem(m, authorOf(m), sameTicket && i >= oldCount));
    if (items.length === 0) items.push(el('li', { className: 'placeholder' }, 'No messages yet.'));
    list.replaceChildren(...items);
    if (!sameTicket || atBottom) list.scrollTop = list.scrollHeight;
  }

  function transcriptItem(m, who, isNew) {
    const markers = [];
    if (m.sentiment) {
      markers.push(badge(m.sentiment.label + ' ' + m.sentiment.comparative.toFixed(2), 'sentiment-' + m.sentiment.label));
    }
    if (m.complaint && m.complaint.isComplaint) {
      const parts = ['complaint', m.complaint.category, m.complaint.severity].filter(Boolean);
      markers.push(badge(parts.join(' · '), 'complaint'));
    }
    if (m.helpful === true) markers.push(badge('rated helpful', 'helpful'));
    if (m.helpful === false) markers.push(badge('rated not helpful', 'unhelpful'));
    return el(
      'li',
      { className: 'message from-' + m.author + (isNew ? ' is-new' : ''), 'data-author': m.author, 'data-id': m.id },
      el('div', { className: 'message-head' }, el('span', { className: 'author' }, who), el('time', { datetime: m.createdAt, title: formatDateTime(m.createdAt) }, formatTime(m.createdAt)), ...markers),
      el('p', { className: 'text' + (m.text ? '' : ' muted') }, m.text || '(no text: ' + (m.match ? m.match.kind : 'card or event') + ')'),
    );
  }

  function renderCustomer(detail) {
    const c = detail.customer;
    if (c === null) {
      ui.customer.replaceChildren(el('dd', { className: 'muted' }, 'Unknown customer'));
      return;
    }
    ui.customer.replaceChildren(
      el('dt', null, 'Name'), el('dd', null, c.name || '—'),
      el('dt', null, 'Email'), el('dd', null, c.email || '—'),
      el('dt', null, 'First seen'), el('dd', null, formatDateTime(c.firstSeenAt)),
    );
  }

  function renderOtherTickets(detail) {
    const items = detail.otherTickets.map((o) => {
      const ref = validReference(o.reference);
      const label = [o.reference, ' ', el('span', { className: 'subject' }, o.subject), ' ', badge(o.status, 'status-' + o.status), ' ', el('span', { className: 'muted' }, formatDateTime(o.createdAt))];
      return el('li', null, ref === null ? el('span', null, ...label) : el('a', { href: '#' + ref }, ...label));
    });
    if (items.length === 0) items.push(el('li', { className: 'muted' }, 'None.'));
    ui.otherTickets.replaceChildren(...items);
  }

  function describeEvent(detail, e) {
    const d = e.data || {};
    switch (e.type) {
      case 'created': return 'opened the ticket (' + String(d.reason || '').replace(/_/g, ' ') + ', ' + d.priority + ')';
      case 'escalated_again': return 'escalated again (' + String(d.reason || '').replace(/_/g, ' ') + ')';
      case 'assigned':
        if (d.to === null) return 'unassigned it';
        if (e.actor === 'agent:' + d.to) return d.from === null ? 'claimed it' : 'took it over from ' + agentName(detail, d.from);
        return 'assigned it to ' + agentName(detail, d.to);
      case 'status_changed': return 'changed the status from ' + d.from + ' to ' + d.to;
      case 'priority_changed': return 'changed the priority from ' + d.from + ' to ' + d.to;
      case 'reply': return 'replied';
      case 'csat': return 'rated the help ' + d.rating + '/5' + (d.comment ? ': ' + d.comment : '');
      default: return e.type.replace(/_/g, ' ');
    }
  }

  function renderEvents(detail) {
    const items = detail.events
      .filter((e) => e.type !== 'customer_message')
      .map((e) => {
        const isNote = e.type === 'note';
        return el(
          'li',
          { className: 'event' + (isNote ? ' note' : ''), 'data-type': e.type },
          el('div', { className: 'event-head' },
            el('span', { className: 'author' }, actorName(detail, e.actor)),
            ' ', isNote ? badge('internal note', 'note') : el('span', null, describeEvent(detail, e)),
            ' ', el('time', { datetime: e.createdAt, title: formatDateTime(e.createdAt) }, formatTime(e.createdAt))),
          isNote || e.type === 'reply' ? el('p', { className: 'text' }, typeof e.data.text === 'string' ? e.data.text : '') : null,
        );
      });
    ui.events.replaceChildren(...items);
  }

  function showMessage(text, kind) {
    ui.message.textContent = text;
    ui.message.className = 'banner banner-' + kind;
    ui.message.hidden = false;
  }

  function hideMessage() {
    ui.message.hidden = true;
    ui.message.textContent = '';
  }

  // ---------------------------------------------------------------- actions

  function setBusy(busy) {
    state.ticket.busy = busy;
    for (const control of [ui.claim, ui.priority, ui.solve]) control.disabled = busy;
    const detail = state.ticket.detail;
    const closed = detail !== null && (detail.ticket.status === 'solved' || detail.ticket.status === 'closed');
    setComposerEnabled(ui.replyForm, !closed);
    setComposerEnabled(ui.noteForm, true);
    if (!busy && closed) ui.solve.disabled = true;
  }

  /** Runs one action on the open ticket; on success reloads it, on failure says why (and reloads on a conflict). */
  async function act(describe, request, onDone) {
    const detail = state.ticket.detail;
    if (detail === null || state.ticket.busy) return;
    const ref = detail.ticket.reference;
    setBusy(true);
    hideMessage();
    try {
      const res = await request(detail);
      if (ref !== state.ticket.ref) return;
      if (res.status >= 200 && res.status < 300) {
        if (onDone) onDone();
        await loadTicket();
        pollQueue();
      } else if (res.status === 409 && res.body && res.body.error && res.body.error.code === 'version_conflict') {
        await loadTicket();
        const now = state.ticket.detail;
        const who = now === null ? '' : now.ticket.assigneeId === null ? ' It is now unassigned' : ' It is now assigned to ' + agentName(now, now.ticket.assigneeId);
        showMessage(
          'Could not ' + describe + ': ' + ref + ' was changed by someone else in the meantime, so nothing was overwritten.' +
            who + (now === null ? '' : ', status ' + now.ticket.status + ', priority ' + now.ticket.priority) +
            '. The ticket has been reloaded: check it and try again if still needed.',
          'conflict',
        );
        pollQueue();
      } else {
        showMessage('Could not ' + describe + ': ' + errorText(res, 'the server refused'), 'error');
        if (res.status === 409) await loadTicket();
      }
    } catch (e) {
      if (e instanceof SignedOut) return;
      showMessage('Could not ' + describe + ': the server cannot be reached. Nothing was changed; try again.', 'error');
    } finally {
      setBusy(false);
      // A refused priority change must not leave the selector showing a priority the ticket does not have.
      if (state.ticket.detail !== null) ui.priority.value = state.ticket.detail.ticket.priority;
    }
  }

  const patch = (changes) => (detail) => api('PATCH', '/tickets/' + encodeURIComponent(detail.ticket.reference), Object.assign({ version: detail.ticket.version }, changes));

  function submitText(form, textarea, describe, path) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = textarea.value;
      if (text.trim() === '') return;
      act(describe, (detail) => api('POST', '/tickets/' + encodeURIComponent(detail.ticket.reference) + path, { text }), () => {
        if (textarea.value === text) textarea.value = '';
      });
    });
    textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
    });
  }

  // ---------------------------------------------------------------- wiring

  ui.signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ui.token.value.trim();
    if (token === '') return;
    ui.signInError.textContent = '';
    signIn(token);
  });
  ui.signOut.addEventListener('click', () => signOut(''));
  ui.queueFilter.addEventListener('change', () => {
    state.queue.filter = ui.queueFilter.value;
    state.queue.offset = 0;
    pollQueue();
  });
  ui.pagePrev.addEventListener('click', () => {
    state.queue.offset = Math.max(0, state.queue.offset - config.pageSize);
    pollQueue();
  });
  ui.pageNext.addEventListener('click', () => {
    state.queue.offset += config.pageSize;
    pollQueue();
  });
  ui.queueRows.addEventListener('click', openFromRow);
  ui.queueRows.addEventListener('keydown', openFromRow);
  ui.close.addEventListener('click', () => closeTicket(true));
  ui.claim.addEventListener('click', () => act('claim the ticket', patch({ assignee: 'me' })));
  ui.solve.addEventListener('click', () => act('solve the ticket', patch({ status: 'solved' })));
  ui.priority.addEventListener('change', () => {
    const priority = ui.priority.value;
    act('change the priority', patch({ priority }));
  });
  submitText(ui.replyForm, ui.replyText, 'send the reply', '/replies');
  submitText(ui.noteForm, ui.noteText, 'add the note', '/notes');
  window.addEventListener('hashchange', routeFromHash);
  window.addEventListener('popstate', routeFromHash);

  const saved = storedToken();
  if (saved) signIn(saved);
  else showSignIn('');
})();
