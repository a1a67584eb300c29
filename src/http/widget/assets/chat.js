// @ts-check
// answerdesk chat page, the page's module script: gets a Direct Line token from this server, keeps
// the conversation across reloads, refreshes the token before it expires, and renders Web Chat
// (the global `WebChat` of webchat.js, a classic script that runs before this module). Served
// as-is (no build); every module it imports is a file of this folder.
/** @import { WidgetClientConfig } from './widget-config.types.js' */
import { agentIdentityProps } from './agent-identity.js';
import { createChatConversation } from './chat-conversation.js';
import { createDirectLineClient, DirectLineHttpError } from './direct-line.client.js';
import { storageOrMemory } from './fallback-storage.js';

/** DirectLineJS's ConnectionStatus values, by number. */
const CONNECTION_STATES = ['uninitialized', 'connecting', 'online', 'expired-token', 'failed-to-connect', 'ended'];

const configElement = document.getElementById('answerdesk-widget-config');
const container = document.getElementById('answerdesk-chat');
if (configElement === null || container === null)
  throw new Error('answerdesk: the chat page lacks its config or its container');
const config = /** @type {WidgetClientConfig} */ (JSON.parse(configElement.textContent ?? ''));
const api = location.origin + config.directLinePath;
document.documentElement.style.setProperty('--answerdesk-accent', config.accentColor);

/** @param {string} text */
function showProblem(text) {
  const p = document.createElement('p');
  p.className = 'answerdesk-status';
  p.textContent = text;
  container?.replaceChildren(p);
}

/**
 * @param {import('./webchat.types.js').WebChatGlobal} webChat
 * @param {HTMLElement} element
 */
async function start(webChat, element) {
  const conversation = createChatConversation({
    request: createDirectLineClient(api),
    local: storageOrMemory('localStorage'),
    session: storageOrMemory('sessionStorage'),
    // Set by embed.js when the site gives signed-in customers a bound token (data-token-url).
    siteToken: location.hash === '#site-token',
  });
  let obtained;
  try {
    obtained = await conversation.obtain();
  } catch (error) {
    console.error('answerdesk: could not start the chat', error);
    const tooMany = error instanceof DirectLineHttpError && error.status === 429;
    showProblem(
      tooMany
        ? 'Too many chats were started from your network. Please try again in a minute.'
        : 'The chat is unavailable right now. Please try again later.',
    );
    return;
  }
  const { saved, resumed } = obtained;
  const directLine = webChat.createDirectLine({
    token: saved.token,
    domain: api,
    // Resuming: reconnect (GET, replays the transcript). New: start (POST, the bot greets).
    conversationId: resumed ? saved.conversationId : undefined,
    webSocket: true,
  });
  element.textContent = '';
  webChat.renderWebChat(
    {
      directLine,
      store: webChat.createStore({}),
      ...agentIdentityProps(),
      nonce: config.nonce,
      styleOptions: {
        accent: config.accentColor,
        botAvatarInitials: config.botAvatarInitials,
        botAvatarBackgroundColor: config.accentColor,
        userAvatarInitials: 'You',
        bubbleFromUserBackground: config.accentColor,
        bubbleFromUserTextColor: '#FFFFFF',
        bubbleBorderRadius: 8,
        bubbleFromUserBorderRadius: 8,
        sendBoxButtonColor: config.accentColor,
        hideUploadButton: true,
        // Answers are Markdown; raw HTML in them (or in anything a customer types) stays text.
        markdownRenderHTML: false,
      },
    },
    element,
  );
  // Exposed for styling and tests: Web Chat only sends what is typed once this is "online".
  directLine.connectionStatus$.subscribe((status) => {
    element.setAttribute('data-connection', CONNECTION_STATES[status] ?? String(status));
  });
  conversation.keepFresh(saved, directLine);
}

// start() reports its own failures in the page.
if (window.WebChat) void start(window.WebChat, container);
else showProblem('The chat could not be loaded.');
