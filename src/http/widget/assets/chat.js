// answerdesk chat page: gets a Direct Line token from this server, keeps the conversation across
// reloads, refreshes the token before it expires, and renders Web Chat. Served as-is (no build).
(function () {
  'use strict';

  // A person's replies arrive from the bot's account (as on any Bot Framework channel) with the
  // agent's display name in `from.name`; show that name before what they wrote. Text only: Web Chat
  // renders `text` itself, and the agent's words are sent as plain text.
  function showAgentNames() {
    return function (next) {
      return function (action) {
        var activity = action && action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' ? action.payload.activity : undefined;
        var data = activity && activity.channelData && activity.channelData.answerdesk;
        if (data && data.author === 'agent' && typeof activity.text === 'string' && typeof data.agentName === 'string') {
          var named = Object.assign({}, activity, { text: data.agentName + ': ' + activity.text, textFormat: 'plain' });
          return next(Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: named }) }));
        }
        return next(action);
      };
    };
  }

  var USER_KEY = 'answerdesk.widget.userId';
  /** Set by embed.js when the site gives signed-in customers a bound token (data-token-url). */
  var SITE_TOKEN = location.hash === '#site-token';
  // A site's conversations are kept apart, and never resumed: the next page may be another customer's.
  var SESSION_KEY = SITE_TOKEN ? 'answerdesk.widget.siteSession' : 'answerdesk.widget.session';
  /** A stored token with less life than this is not worth resuming with. */
  var MIN_REMAINING_MS = 30 * 1000;
  /** DirectLineJS's ConnectionStatus values, by number. */
  var CONNECTION_STATES = ['uninitialized', 'connecting', 'online', 'expired-token', 'failed-to-connect', 'ended'];

  var config = JSON.parse(document.getElementById('answerdesk-widget-config').textContent);
  var api = location.origin + config.directLinePath;
  var container = document.getElementById('answerdesk-chat');
  document.documentElement.style.setProperty('--answerdesk-accent', config.accentColor);

  // Storage can be blocked (private modes, third-party iframes): fall back to memory.
  function storage(name) {
    try {
      var store = window[name];
      store.setItem('answerdesk.probe', '1');
      store.removeItem('answerdesk.probe');
      return store;
    } catch (e) {
      var memory = {};
      return {
        getItem: function (key) { return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null; },
        setItem: function (key, value) { memory[key] = String(value); },
        removeItem: function (key) { delete memory[key]; }
      };
    }
  }
  var local = storage('localStorage');
  var session = storage('sessionStorage');

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  /** A random user id that stays with this browser, so a person's conversations can be told apart. */
  function userId() {
    var id = local.getItem(USER_KEY);
    if (!id || !/^dl_[0-9a-f]{24}$/.test(id)) {
      id = 'dl_' + randomId();
      local.setItem(USER_KEY, id);
    }
    return id;
  }

  function request(method, path, token, body) {
    var headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(api + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(
      function (res) {
        if (!res.ok) {
          var error = new Error('Direct Line ' + method + ' ' + path + ' answered ' + res.status);
          error.status = res.status;
          throw error;
        }
        return res.json();
      }
    );
  }

  function remember(conversationId, token, expiresIn) {
    var saved = { conversationId: conversationId, token: token, expiresAt: Date.now() + expiresIn * 1000 };
    session.setItem(SESSION_KEY, JSON.stringify(saved));
    return saved;
  }

  function stored() {
    try {
      var saved = JSON.parse(session.getItem(SESSION_KEY) || 'null');
      if (saved && typeof saved.token === 'string' && typeof saved.conversationId === 'string' && saved.expiresAt - Date.now() > MIN_REMAINING_MS) {
        return saved;
      }
    } catch (e) {
      // unreadable: start afresh
    }
    return null;
  }

  /** Asks the embedding page for the token its server made (embed.js answers from data-token-url). */
  function tokenFromSite() {
    return new Promise(function (resolve, reject) {
      function onMessage(event) {
        var data = event.source === window.parent ? event.data : null;
        if (!data || (data.answerdesk !== 'token' && data.answerdesk !== 'token-error')) return;
        window.removeEventListener('message', onMessage);
        if (data.answerdesk === 'token' && typeof data.token === 'string') resolve(data.token);
        else reject(new Error('the site could not provide a chat token'));
      }
      window.addEventListener('message', onMessage);
      window.parent.postMessage({ answerdesk: 'token-request' }, '*');
    });
  }

  /** The stored conversation with a refreshed token, or a new conversation. */
  function obtainConversation() {
    if (SITE_TOKEN) {
      // Refreshing checks the site's token and tells us its conversation.
      return tokenFromSite()
        .then(function (token) { return request('POST', '/tokens/refresh', token); })
        .then(function (refreshed) {
          return { saved: remember(refreshed.conversationId, refreshed.token, refreshed.expires_in), resumed: false };
        });
    }
    var saved = stored();
    var fresh = function () {
      return request('POST', '/tokens/generate', null, { user: { id: userId() } }).then(function (created) {
        return { saved: remember(created.conversationId, created.token, created.expires_in), resumed: false };
      });
    };
    if (!saved) return fresh();
    return request('POST', '/tokens/refresh', saved.token).then(
      function (refreshed) {
        return { saved: remember(refreshed.conversationId, refreshed.token, refreshed.expires_in), resumed: true };
      },
      fresh
    );
  }

  /**
   * Refreshes the token at half its life, stores it for the next reload and hands it to
   * DirectLineJS through the reconnect API (its own refresh runs only every 15 minutes).
   */
  function keepFresh(saved, directLine) {
    var delay = Math.max(5000, (saved.expiresAt - Date.now()) / 2);
    setTimeout(function () {
      request('POST', '/tokens/refresh', saved.token)
        .then(function (refreshed) {
          var next = remember(refreshed.conversationId, refreshed.token, refreshed.expires_in);
          return request('GET', '/conversations/' + encodeURIComponent(next.conversationId), next.token).then(function (conversation) {
            directLine.reconnect(conversation);
            return next;
          });
        })
        .then(
          function (next) { keepFresh(next, directLine); },
          function (error) {
            console.warn('answerdesk: could not refresh the chat token', error);
            if (error.status !== 401 && error.status !== 403 && error.status !== 404) keepFresh(saved, directLine);
          }
        );
    }, delay);
  }

  function showProblem(text) {
    container.textContent = '';
    var p = document.createElement('p');
    p.className = 'answerdesk-status';
    p.textContent = text;
    container.appendChild(p);
  }

  function start() {
    obtainConversation().then(
      function (result) {
        var saved = result.saved;
        var directLine = window.WebChat.createDirectLine({
          token: saved.token,
          domain: api,
          // Resuming: reconnect (GET, replays the transcript). New: start (POST, the bot greets).
          conversationId: result.resumed ? saved.conversationId : undefined,
          webSocket: true
        });
        container.textContent = '';
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            store: window.WebChat.createStore({}, showAgentNames),
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
              markdownRenderHTML: false
            }
          },
          container
        );
        // Exposed for styling and tests: Web Chat only sends what is typed once this is "online".
        directLine.connectionStatus$.subscribe(function (status) {
          container.setAttribute('data-connection', CONNECTION_STATES[status] || String(status));
        });
        keepFresh(saved, directLine);
      },
      function (error) {
        console.error('answerdesk: could not start the chat', error);
        showProblem(error.status === 429 ? 'Too many chats were started from your network. Please try again in a minute.' : 'The chat is unavailable right now. Please try again later.');
      }
    );
  }

  if (!window.WebChat) {
    showProblem('The chat could not be loaded.');
    return;
  }
  start();
})();
