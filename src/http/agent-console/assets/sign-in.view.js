// @ts-check
/** @import { AgentApi } from './agent-api.client.js' */
/** @import { Session } from './session.js' */
import { byId } from './dom.js';
import { tokenExpiryWarning } from './token-expiry.js';
import { storedToken, storeToken } from './token-storage.js';

/**
 * @typedef {object} SignInDeps
 * @property {AgentApi} api
 * @property {Session} session
 * @property {() => void} onSignedIn start showing the queue and the ticket in the URL
 * @property {() => void} onSignedOut forget everything shown
 */

/**
 * What the sign-in form says after the API refused the session's token mid-session: the server's
 * own words for an expired or revoked token (what to do next), else a plain "sign in again".
 *
 * @param {{ code: string, message: string } | null} error the 401's error
 */
export function sessionEndedMessage(error) {
  return error !== null && (error.code === 'token_expired' || error.code === 'token_revoked')
    ? `Your session ended. ${error.message}`
    : 'Your session ended: the token is no longer valid. Sign in again.';
}

/**
 * Signing in with an agent token (checked with `GET /me`, then kept in sessionStorage) and out.
 *
 * @param {SignInDeps} deps
 */
export function createSignInView({ api, session, onSignedIn, onSignedOut }) {
  const ui = {
    who: byId('who', HTMLElement),
    meName: byId('me-name', HTMLElement),
    expiry: byId('token-expiry', HTMLElement),
    signOut: byId('sign-out', HTMLButtonElement),
    section: byId('sign-in', HTMLElement),
    form: byId('sign-in-form', HTMLFormElement),
    token: byId('token', HTMLInputElement),
    error: byId('sign-in-error', HTMLElement),
    console: byId('console', HTMLElement),
  };

  /** @type {ReturnType<typeof setInterval> | undefined} */
  let expiryTimer;

  /** Shows (or hides) the warning that the signed-in token expires within a day. */
  function showExpiry() {
    const warning = session.me === null ? '' : tokenExpiryWarning(session.me.expiresAt, Date.now());
    ui.expiry.textContent = warning;
    ui.expiry.hidden = warning === '';
  }

  /** @param {string} error shown above the form; '' for none */
  function showSignIn(error) {
    ui.section.hidden = false;
    ui.console.hidden = true;
    ui.who.hidden = true;
    ui.error.textContent = error;
    ui.token.focus();
  }

  /**
   * @param {string} token
   * @param {boolean} fromForm typed into the form (a new sign-in), not the tab's stored token
   */
  async function signIn(token, fromForm) {
    session.token = token;
    let res;
    try {
      res = await api.me(token, fromForm);
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
    showExpiry();
    clearInterval(expiryTimer);
    // A console stays open for days: the warning appears (and counts down) without a reload.
    expiryTimer = setInterval(showExpiry, 60_000);
    onSignedIn();
  }

  /** @param {string} reason shown above the sign-in form; '' for none */
  function signOut(reason) {
    storeToken(null);
    session.token = null;
    session.me = null;
    clearInterval(expiryTimer);
    showExpiry();
    onSignedOut();
    ui.meName.textContent = '';
    showSignIn(reason);
  }

  /** Signs in with the tab's stored token, or shows the form. */
  function resume() {
    const saved = storedToken();
    if (saved) void signIn(saved, false);
    else showSignIn('');
  }

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ui.token.value.trim();
    if (token === '') return;
    ui.error.textContent = '';
    void signIn(token, true);
  });
  ui.signOut.addEventListener('click', () => signOut(''));

  return { resume, signOut };
}
