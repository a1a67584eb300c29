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
import { createSignInView, sessionEndedMessage } from '../../agent-console/assets/sign-in.view.js';
import { createAdminApi } from './admin-api.client.js';
import { createConversationView } from './conversation.view.js';
import { createCustomerViews } from './customer-views.js';
import { createCustomersApi } from './customers-api.client.js';
import { createInboxView } from './inbox.view.js';
import { createKnowledgeView } from './knowledge.view.js';
import { createOverviewView } from './overview.view.js';

const config = /** @type {AdminConsoleClientConfig} */ (
  JSON.parse(byId('admin-console-config', HTMLScriptElement).text)
);
const ui = {
  tabs: byId('tabs', HTMLElement),
  overviewTab: byId('tab-overview', HTMLAnchorElement),
  inboxTab: byId('tab-inbox', HTMLAnchorElement),
  knowledgeTab: byId('tab-knowledge', HTMLAnchorElement),
  inboxCount: byId('inbox-count', HTMLElement),
  overview: byId('overview', HTMLElement),
  inbox: byId('inbox', HTMLElement),
  knowledge: byId('knowledge', HTMLElement),
  conversation: byId('conversation', HTMLElement),
  back: byId('conversation-back', HTMLButtonElement),
};
const session = new Session();
/** @param {{ code: string, message: string } | null} error */
const endSession = (error) => signIn.signOut(sessionEndedMessage(error));
const agentApi = createAgentApi(config.agentApiPath, session, endSession);
const adminApi = createAdminApi(config.adminApiPath, session, endSession);
const inbox = createInboxView({
  api: adminApi,
  onCount: (count) => {
    ui.inboxCount.textContent = count === null ? '' : `(${count})`;
  },
});
const knowledge = createKnowledgeView({ api: adminApi });
const overview = createOverviewView({ api: adminApi, chartLibraryUrl: config.chartLibraryUrl });
const conversation = createConversationView({ api: adminApi });
const customers = createCustomerViews({
  api: createCustomersApi(config.adminApiPath, session, endSession),
  parent: byId('console', HTMLElement),
  tab: document.querySelector('#tab-customers'),
});
const CONVERSATION = /^#conversation\/(.+)$/;

/** The pages a hash names on its own. */
const PAGES = /** @type {const} */ (['overview', 'knowledge']);

/**
 * Shows the page the URL names: `#overview`, `#knowledge`, `#conversation/<id>`, else the inbox.
 * The inbox is read once per sign-in (then on Refresh and after decisions): coming back to it keeps the ticks.
 */
function route() {
  const conversationId = CONVERSATION.exec(location.hash)?.[1];
  const customerPage = customers.route(location.hash, session.me !== null);
  const page = customerPage
    ? 'customers'
    : conversationId !== undefined
      ? 'conversation'
      : (PAGES.find((name) => location.hash === `#${name}`) ?? 'inbox');
  ui.overview.hidden = page !== 'overview';
  ui.inbox.hidden = page !== 'inbox';
  ui.knowledge.hidden = page !== 'knowledge';
  ui.conversation.hidden = page !== 'conversation';
  ui.overviewTab.toggleAttribute('aria-current', page === 'overview');
  ui.inboxTab.toggleAttribute('aria-current', page === 'inbox');
  ui.knowledgeTab.toggleAttribute('aria-current', page === 'knowledge');
  if (session.me === null || customerPage) return;
  if (conversationId !== undefined) void conversation.open(decodeURIComponent(conversationId));
  else if (page === 'knowledge') void knowledge.load();
  else if (page === 'overview') void overview.load();
  else if (document.body.dataset.inbox === undefined) void inbox.load();
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
    overview.reset();
    customers.reset();
  },
});
window.addEventListener('hashchange', route);
// Back to where the admin came from (the inbox keeps its ticks); a link opened on its own goes to the inbox.
ui.back.addEventListener('click', () => {
  if (history.length > 1) history.back();
  else location.hash = '#inbox';
});
signIn.resume();
