import { scriptSafeJson } from '../widget/script-safe-json.ts';
import { MAX_NOTE_LENGTH } from '../../tickets/ticket-input.ts';

/** What the console script (`assets/console.js`) reads from the page's JSON config block. */
export interface AgentConsoleClientConfig {
  /** Path of the agent API on this server. */
  readonly apiPath: string;
  /** How often the queue and the open ticket are re-read. */
  readonly pollMs: number;
  /** Tickets per queue page (the API allows at most 100). */
  readonly pageSize: number;
}

/**
 * The agent console page: static markup only. Nothing from customers, tickets or agents is in
 * it; the script fetches those with the agent's token and renders them as text nodes. The config
 * travels in a JSON data block (never executed, escaped so no value can close the element).
 */
export function renderAgentConsolePage(config: AgentConsoleClientConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Agent console · answerdesk</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/agent/assets/console.css">
<script type="application/json" id="agent-console-config">${scriptSafeJson(config)}</script>
<script src="/agent/assets/console.js" defer></script>
</head>
<body>
<header class="bar">
  <h1>answerdesk <span class="bar-sub">agent console</span></h1>
  <div id="who" class="who" hidden><span id="me-name"></span><button id="sign-out" type="button" class="quiet">Sign out</button></div>
</header>

<section id="sign-in" class="sign-in" hidden>
  <form id="sign-in-form" class="card" autocomplete="off">
    <h2>Sign in</h2>
    <label for="token">Agent token</label>
    <input id="token" name="token" type="password" spellcheck="false" required>
    <button type="submit" class="primary">Sign in</button>
    <p id="sign-in-error" class="error" role="alert"></p>
    <p class="hint">Create a token with <code>npm run --silent answerdesk -- agent create --name "Your Name"</code>.
    It is kept in this browser tab only, until you sign out or close the tab.</p>
  </form>
</section>

<main id="console" class="console" hidden>
  <section id="queue" class="queue" aria-labelledby="queue-title">
    <div class="queue-head">
      <h2 id="queue-title">Queue <span id="queue-count" class="count" aria-live="polite"></span></h2>
      <label class="filter">Show
        <select id="queue-filter">
          <option value="all">all open</option>
          <option value="none">unassigned</option>
          <option value="me">mine</option>
        </select>
      </label>
      <span id="queue-status" class="muted" aria-live="polite"></span>
    </div>
    <div class="table-wrap">
      <table class="queue-table">
        <thead><tr><th>Ticket</th><th>Subject</th><th>Customer</th><th>Category</th><th>Priority</th><th>Sentiment</th><th>Waiting</th><th>Assignee</th></tr></thead>
        <tbody id="queue-rows"></tbody>
      </table>
      <p id="queue-empty" class="placeholder" hidden>No open tickets. New ones appear here by themselves.</p>
    </div>
    <nav class="pager" aria-label="Queue pages">
      <button id="page-prev" type="button" class="quiet">Previous</button>
      <span id="page-info" class="muted"></span>
      <button id="page-next" type="button" class="quiet">Next</button>
    </nav>
  </section>

  <section id="ticket" class="ticket" aria-labelledby="ticket-title" hidden>
    <div id="ticket-message" class="banner" role="alert" hidden></div>
    <div class="ticket-head">
      <h2 id="ticket-title"></h2>
      <button id="ticket-close" type="button" class="quiet" aria-label="Close the ticket view">Close</button>
    </div>
    <p id="ticket-facts" class="facts"></p>
    <div class="actions">
      <button id="claim" type="button" class="primary">Claim</button>
      <label>Priority
        <select id="priority">
          <option value="low">low</option>
          <option value="normal">normal</option>
          <option value="high">high</option>
          <option value="urgent">urgent</option>
        </select>
      </label>
      <button id="solve" type="button">Solve</button>
    </div>
    <div class="ticket-body">
      <section class="conversation" aria-label="Conversation">
        <h3>Conversation</h3>
        <ol id="transcript" class="transcript"></ol>
        <form id="reply-form" class="composer">
          <label for="reply-text">Reply to the customer <span class="muted">(sent into their chat now)</span></label>
          <textarea id="reply-text" rows="3" required maxlength="${MAX_NOTE_LENGTH}"></textarea>
          <button type="submit" class="primary">Send reply</button>
        </form>
      </section>
      <aside class="side">
        <section aria-label="Customer"><h3>Customer</h3><dl id="customer" class="customer-facts"></dl></section>
        <section aria-label="Other tickets of this customer"><h3>Other tickets</h3><ul id="other-tickets" class="other-tickets"></ul></section>
        <section aria-label="Internal notes and history">
          <h3>Internal notes and history</h3>
          <ol id="events" class="events"></ol>
          <form id="note-form" class="composer">
            <label for="note-text">Internal note <span class="muted">(agents only)</span></label>
            <textarea id="note-text" rows="2" required maxlength="${MAX_NOTE_LENGTH}"></textarea>
            <button type="submit">Add note</button>
          </form>
        </section>
      </aside>
    </div>
  </section>
  <section id="no-ticket" class="no-ticket placeholder">Open a ticket from the queue.</section>
</main>
</body>
</html>
`;
}

/**
 * A strict policy for the console: scripts and styles only from this server (no inline, no eval),
 * network only to this origin, never framed, and Trusted Types required with no policy allowed,
 * so the browser itself refuses any `innerHTML`-style sink: text can only arrive as text.
 */
export function agentConsoleContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}
