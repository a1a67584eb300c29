// @ts-check
// answerdesk admin pages, the page's one module script: reads the config, builds the parts and
// wires them together. Served as-is (no build). It reuses the agent console's modules (sign-in,
// API caller, DOM and format helpers) from /admin/agent-console/assets/, the URL that mirrors
// their source folder. Everything from customers and the knowledge is rendered as text nodes: the
// page's CSP requires Trusted Types and allows no policy, so the browser refuses any HTML sink.
/** @import { AdminConsoleClientConfig } from './admin-config.types.js' */
import { createAgentApi } from '../../agent-console/assets/agent-api.client.js';
import { byId } from '../../agent-console/assets/dom.js';
import { Session } from '../../agent-console/assets/session.js';
import { createSignInView } from '../../agent-console/assets/sign-in.view.js';
import { createAdminApi } from './admin-api.client.js';
import { createInboxView } from './inbox.view.js';
import { createKnowledgeView } from './knowledge.view.js';

const config = /** @type {AdminConsoleClientConfig} */ (
  JSON.parse(byId('admin-console-config', HTMLScriptElement).text)
);
const ui = {
  tabs: byId('tabs', HTMLElement),
  inboxTab: byId('tab-inbox', HTMLAnchorElement),
  knowledgeTab: byId('tab-knowledge', HTMLAnchorElement),
  inboxCount: byId('inbox-count', HTMLElement),
  inbox: byId('inbox', HTMLElement),
  knowledge: byId('knowledge', HTMLElement),
};
const session = new Session();
const endSession = () => signIn.signOut('Your session ended: the token is no longer valid. Sign in again.');
const agentApi = createAgentApi(config.agentApiPath, session, endSession);
const adminApi = createAdminApi(config.adminApiPath, session, endSession);
const inbox = createInboxView({
  api: adminApi,
  onCount: (count) => {
    ui.inboxCount.textContent = count === null ? '' : `(${count})`;
  },
});
const knowledge = createKnowledgeView({ api: adminApi });

/** Shows the page the URL names: `#knowledge`, else the inbox. */
function route() {
  const onKnowledge = location.hash === '#knowledge';
  ui.inbox.hidden = onKnowledge;
  ui.knowledge.hidden = !onKnowledge;
  ui.inboxTab.toggleAttribute('aria-current', !onKnowledge);
  ui.knowledgeTab.toggleAttribute('aria-current', onKnowledge);
  if (session.me === null) return;
  if (onKnowledge) void knowledge.load();
  else void inbox.load();
}

const signIn = createSignInView({
  api: agentApi,
  session,
  onSignedIn: () => {
    const me = session.me;
    if (me !== null && me.role !== 'admin') {
      // The same token kind signs agents in; only the role differs, so say which one is missing.
      signIn.signOut(`${me.name} signed in with an agent token: the admin pages need the admin role.`);
      return;
    }
    ui.tabs.hidden = false;
    route();
  },
  onSignedOut: () => {
    ui.tabs.hidden = true;
    inbox.reset();
    knowledge.reset();
  },
});
window.addEventListener('hashchange', route);
signIn.resume();
