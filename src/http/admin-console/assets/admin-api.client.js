// @ts-check
/** @import { AcceptBodyJson, AcceptResultJson, ConversationJson, EntryListJson, SuggestionListJson } from './admin-api.types.js' */
/** @import { ApiResult } from '../../agent-console/assets/agent-api.client.js' */
/** @import { ApiErrorJson } from '../../agent-console/assets/agent-api.types.js' */
/** @import { Session } from '../../agent-console/assets/session.js' */
import { createApiCall } from '../../agent-console/assets/agent-api.client.js';

/**
 * The admin API under `apiPath`, through the agent console's caller (same token, same answers:
 * an `ApiResult` per HTTP answer, sign-out on a 401).
 *
 * @param {string} apiPath
 * @param {Session} session
 * @param {(error: ApiErrorJson['error'] | null) => void} onUnauthorized
 */
export function createAdminApi(apiPath, session, onUnauthorized) {
  const call = createApiCall(apiPath, session, onUnauthorized);
  /** @param {string} id */
  const suggestionPath = (id) => `/suggestions/${encodeURIComponent(id)}`;
  return {
    /** @returns {Promise<ApiResult<SuggestionListJson>>} */
    suggestions: () => call('GET', '/suggestions'),
    /**
     * @param {string} id
     * @param {AcceptBodyJson} body
     * @returns {Promise<ApiResult<AcceptResultJson>>}
     */
    accept: (id, body) => call('POST', `${suggestionPath(id)}/accept`, body),
    /**
     * @param {string} id
     * @returns {Promise<ApiResult<unknown>>}
     */
    dismiss: (id) => call('POST', `${suggestionPath(id)}/dismiss`, {}),
    /**
     * @param {string} id
     * @returns {Promise<ApiResult<ConversationJson>>}
     */
    conversation: (id) => call('GET', `/conversations/${encodeURIComponent(id)}`),
    /**
     * @param {{ from: string, to: string } | null} period null: the server's default (the last 30 days)
     * @returns {Promise<ApiResult<EntryListJson>>}
     */
    entries: (period) =>
      call('GET', period === null ? '/entries' : `/entries?${new URLSearchParams(period).toString()}`),
  };
}

/** @typedef {ReturnType<typeof createAdminApi>} AdminApi */
