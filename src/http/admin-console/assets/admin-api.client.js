// @ts-check
/** @import { AcceptBodyJson, AcceptResultJson, ConversationJson, EntryListJson, SuggestionListJson } from './admin-api.types.js' */
/** @import { ApiResult } from '../../agent-console/assets/agent-api.client.js' */
/** @import { ApiErrorJson } from '../../agent-console/assets/agent-api.types.js' */
/** @import { Session } from '../../agent-console/assets/session.js' */
/** @import { ReportSummaryJson } from './report-api.types.js' */
import { createApiCall, createFileFetch } from '../../agent-console/assets/agent-api.client.js';

/**
 * The period of a report as the API takes it: `from` inclusive, `to` exclusive, and the bucket.
 *
 * @typedef {{ from: string, to: string, interval: 'day' | 'week' }} ReportQuery
 */

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
  const fetchFile = createFileFetch(apiPath, session, onUnauthorized);
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
    /**
     * @param {ReportQuery} query
     * @returns {Promise<ApiResult<ReportSummaryJson>>}
     */
    reportSummary: (query) => call('GET', `/reports/summary?${new URLSearchParams(query).toString()}`),
    /**
     * The series as CSV, fetched with the token (a plain link cannot send it): the file on a 2xx,
     * else the status; signs out on a 401 like every other call.
     *
     * @param {ReportQuery} query
     * @returns {Promise<{ ok: true, blob: Blob } | { ok: false, status: number }>}
     */
    seriesCsv: (query) => fetchFile(`/reports/series.csv?${new URLSearchParams(query).toString()}`),
  };
}

/** @typedef {ReturnType<typeof createAdminApi>} AdminApi */
