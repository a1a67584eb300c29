// @ts-check
// The agent's token lives in this tab's sessionStorage only: gone on sign-out or when the tab closes.

const TOKEN_KEY = 'answerdesk.agent.token';

/** @returns {string | null} */
export function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** @param {string | null} token null forgets it */
export function storeToken(token) {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage blocked: the token lives in memory for this page only.
  }
}
