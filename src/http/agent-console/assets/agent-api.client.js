// @ts-check
/** @import { AgentJson, ApiErrorJson, CannedReplyListJson, TicketDetailJson, TicketListJson } from './agent-api.types.js' */
/** @import { Session } from './session.js' */

/**
 * What one call to the agent API came to: its JSON on a 2xx, else its error (null when the body
 * was not the API's error JSON).
 *
 * @template T
 * @typedef {{ ok: true, status: number, body: T } | { ok: false, status: number, error: ApiErrorJson['error'] | null }} ApiResult
 */

/** Thrown (after signing out) when the API no longer accepts the token: callers just stop. */
export class SignedOut extends Error {}

/**
 * The server's message for a refused call, or `fallback` with the status.
 *
 * @param {ApiResult<unknown>} result
 * @param {string} fallback
 */
export function errorText(result, fallback) {
  const message = result.ok ? null : result.error?.message;
  return typeof message === 'string' && message !== '' ? message : `${fallback} (HTTP ${result.status})`;
}

/**
 * @template T
 * @param {Response} res
 * @returns {Promise<ApiResult<T>>}
 */
async function toResult(res) {
  /** @type {unknown} */
  const parsed = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, body: /** @type {T} */ (parsed) };
  const error = /** @type {Partial<ApiErrorJson> | null} */ (parsed)?.error ?? null;
  return { ok: false, status: res.status, error: typeof error?.message === 'string' ? error : null };
}

/**
 * One JSON API under `apiPath`, called with the session's token: `call(method, path, body?)`
 * resolves to an {@link ApiResult} for any HTTP answer and rejects on a network failure; a 401
 * calls `onUnauthorized` with the server's error (which signs out) and rejects with {@link SignedOut}. The agent console
 * and the admin pages both call their APIs through it.
 *
 * @param {string} apiPath
 * @param {Session} session
 * @param {(error: ApiErrorJson['error'] | null) => void} onUnauthorized
 */
export function createApiCall(apiPath, session, onUnauthorized) {
  /**
   * @template T
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<ApiResult<T>>}
   */
  return async function call(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json', Authorization: `Bearer ${session.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(apiPath + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    if (res.status === 401 && session.token !== null) {
      const refused = await toResult(res);
      onUnauthorized(refused.ok ? null : refused.error);
      throw new SignedOut();
    }
    return toResult(res);
  };
}

/**
 * A file (CSV) from the API under `apiPath`, fetched with the session's token (a plain link cannot
 * send it): `fetchFile(path)` resolves to the file on a 2xx, else the status; a 401 signs out and
 * rejects with {@link SignedOut}, as {@link createApiCall} does.
 *
 * @param {string} apiPath
 * @param {Session} session
 * @param {(error: ApiErrorJson['error'] | null) => void} onUnauthorized
 */
export function createFileFetch(apiPath, session, onUnauthorized) {
  /**
   * @param {string} path
   * @returns {Promise<{ ok: true, blob: Blob } | { ok: false, status: number }>}
   */
  return async function fetchFile(path) {
    const res = await fetch(apiPath + path, {
      headers: { Accept: 'text/csv', Authorization: `Bearer ${session.token}` },
      cache: 'no-store',
    });
    if (res.status === 401 && session.token !== null) {
      const refused = await toResult(res);
      onUnauthorized(refused.ok ? null : refused.error);
      throw new SignedOut();
    }
    return res.ok ? { ok: true, blob: await res.blob() } : { ok: false, status: res.status };
  };
}

/**
 * The agent API under `apiPath`, called with the session's token (see {@link createApiCall}).
 *
 * @param {string} apiPath
 * @param {Session} session
 * @param {(error: ApiErrorJson['error'] | null) => void} onUnauthorized
 */
export function createAgentApi(apiPath, session, onUnauthorized) {
  const call = createApiCall(apiPath, session, onUnauthorized);

  /** @param {string} ref */
  const ticketPath = (ref) => `/tickets/${encodeURIComponent(ref)}`;

  return {
    /**
     * Who `token` belongs to; a 401 here is an answer (a wrong or expired token), not a sign-out.
     * `signingIn` (the sign-in form, not a tab resuming its session) has the server record the sign-in.
     *
     * @param {string} token
     * @param {boolean} signingIn
     * @returns {Promise<ApiResult<AgentJson>>}
     */
    async me(token, signingIn) {
      const res = await fetch(`${apiPath}/me${signingIn ? '?signIn=1' : ''}`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        cache: 'no-store',
      });
      return toResult(res);
    },
    /**
     * @param {string} query e.g. `status=new,open&limit=50&offset=0`
     * @returns {Promise<ApiResult<TicketListJson>>}
     */
    tickets: (query) => call('GET', `/tickets?${query}`),
    /**
     * @param {string} ref
     * @returns {Promise<ApiResult<TicketDetailJson>>}
     */
    ticket: (ref) => call('GET', ticketPath(ref)),
    /**
     * @param {string} ref
     * @param {Readonly<Record<string, unknown>>} changes with the `version` the change is based on
     * @returns {Promise<ApiResult<unknown>>}
     */
    updateTicket: (ref, changes) => call('PATCH', ticketPath(ref), changes),
    /**
     * Posts a reply to the customer (`replies`) or an internal note (`notes`).
     *
     * @param {string} ref
     * @param {'replies' | 'notes'} kind
     * @param {string} text
     * @returns {Promise<ApiResult<unknown>>}
     */
    postText: (ref, kind, text) => call('POST', `${ticketPath(ref)}/${kind}`, { text }),
    /**
     * Knowledge answers whose title matches `q` (canned replies).
     *
     * @param {string} q
     * @returns {Promise<ApiResult<CannedReplyListJson>>}
     */
    knowledgeEntries: (q) => call('GET', `/knowledge/entries?${new URLSearchParams({ q, limit: '20' })}`),
    /**
     * Tells the customer's live chat the agent is typing (ignored by the server when there is none).
     *
     * @param {string} ref
     * @returns {Promise<ApiResult<unknown>>}
     */
    signalTyping: (ref) => call('POST', `${ticketPath(ref)}/typing`),
    /**
     * Redacts a whole message of the ticket's conversation everywhere it is stored.
     *
     * @param {string} ref
     * @param {string} messageId
     * @returns {Promise<ApiResult<unknown>>}
     */
    redactMessage: (ref, messageId) =>
      call('POST', `${ticketPath(ref)}/messages/${encodeURIComponent(messageId)}/redact`),
  };
}

/** @typedef {ReturnType<typeof createAgentApi>} AgentApi */
