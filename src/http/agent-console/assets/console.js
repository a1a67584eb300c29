// @ts-check
// answerdesk agent console, the page's one module script: reads the page's config, builds the
// parts and wires them together. Served as-is (no build); every module it imports is a file of
// this folder. Everything that comes from customers, tickets or agents is rendered as text nodes:
// no module assigns HTML (the page's CSP requires Trusted Types and allows no policy, so the
// browser would refuse it anyway).
/** @import { AgentConsoleClientConfig } from './console-config.types.js' */
import { createAgentApi } from './agent-api.client.js';
import { wireCannedReplies } from './canned-replies.view.js';
import { byId } from './dom.js';
import { wireMessageRedaction } from './message-redaction.js';
import { createQueueView } from './queue.view.js';
import { Session } from './session.js';
import { createSignInView, sessionEndedMessage } from './sign-in.view.js';
import { createTicketView } from './ticket.view.js';
import { wireTicketActions } from './ticket-actions.js';

const config = /** @type {AgentConsoleClientConfig} */ (
  JSON.parse(byId('agent-console-config', HTMLScriptElement).text)
);
const session = new Session();
const api = createAgentApi(config.apiPath, session, (error) => signIn.signOut(sessionEndedMessage(error)));
const queue = createQueueView({ config, api, session, currentRef: () => ticket.currentRef() });
const ticket = createTicketView({ config, api, session, onCurrentChanged: () => queue.markCurrentRow() });
const signIn = createSignInView({
  api,
  session,
  onSignedIn: () => {
    void queue.start();
    ticket.routeFromHash();
  },
  onSignedOut: () => {
    queue.reset();
    ticket.close(false);
  },
});
wireTicketActions({ api, session, ticket, queue });
wireCannedReplies({ api });
wireMessageRedaction({ api, ticket });
window.addEventListener('hashchange', ticket.routeFromHash);
window.addEventListener('popstate', ticket.routeFromHash);
signIn.resume();
