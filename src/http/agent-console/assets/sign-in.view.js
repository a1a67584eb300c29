// @ts-check
/** @import { AgentApi } from './agent-api.client.js' */
/** @import { Session } from './session.js' */
import { byId } from './dom.js';
import { storedToken, storeToken } from './token-storage.js';

/**
 * @typedef {object} SignInDeps
 * @property {AgentApi} api
 * @property {Session} session
 * @property {() => void} onSignedIn start showing the queue and the ticket in the URL
 * @property {() => void} onSignedOut forget everything shown
 */

/**
 * Signing in with an agent token (checked with `GET /me`, then kept in sessionStorage) and out.
 *
 * @param {SignInDeps} deps
 */
export function createSignInView({ api, session, onSignedIn, onSignedOut }) {
  const ui = {
    who: byId('who', HTMLElement),
    meName: byId('me-name', HTMLElement),
    signOut: byId('sign-out', HTMLButtonElement),
    section: byId('sign-in', HTMLElement),
    form: byId('sign-in-form', HTMLFormElement),
    token: byId('token', HTMLInputElement),
    error: byId('sign-in-error', HTMLElement),
    console: byId('console', HTMLElement),
  };

  /** @param {string} error shown above the form; '' for none */
  function showSignIn(error) {
    ui.section.hidden = false;
    ui.console.hidden = true;
    ui.who.hidden = true;
    ui.error.textContent = error;
    ui.token.focus();
  }

  /** @param {string} token */
  async function signIn(token) {
    session.token = token;
    let res;
    try {
      res = await api.me(token);
    } catch {
      session.token = null;
      showSignIn('The server cannot be reached. Try again in a moment.');
      return;
    }
    if (!res.ok) {
      session.token = null;
      storeToken(null);
      showSignIn(res.error?.message || `Sign-in failed (HTTP ${res.status}).`);
      return;
    }
    session.me = res.body;
    storeToken(token);
    ui.token.value = '';
    ui.section.hidden = true;
    ui.console.hidden = false;
    ui.who.hidden = false;
    ui.meName.textContent = res.body.name + (res.body.role === 'admin' ? ' (admin)' : '');
    onSignedIn();
  }

  /** @param {string} reason shown above the sign-in form; '' for none */
  function signOut(reason) {
    storeToken(null);
    session.token = null;
    session.me = null;
    onSignedOut();
    ui.meName.textContent = '';
    showSignIn(reason);
  }

  /** Signs in with the tab's stored token, or shows the form. */
  function resume() {
    const saved = storedToken();
    if (saved) void signIn(saved);
    else showSignIn('');
  }

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ui.token.value.trim();
    if (token === '') return;
    ui.error.textContent = '';
    void signIn(token);
  });
  ui.signOut.addEventListener('click', () => signOut(''));

  return { resume, signOut };
}
