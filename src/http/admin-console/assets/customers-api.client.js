// @ts-check
/** @import { CustomerHealthListJson, CustomerProfileJson, HealthBandJson } from './customers-api.types.js' */
/** @import { ApiResult } from '../../agent-console/assets/agent-api.client.js' */
/** @import { Session } from '../../agent-console/assets/session.js' */
/** @import { ApiErrorJson } from '../../agent-console/assets/agent-api.types.js' */
import { createApiCall, createFileFetch } from '../../agent-console/assets/agent-api.client.js';

/**
 * The customer health routes of the admin API under `apiPath` (list, profile, CSV), with the
 * session's token; a 401 signs out, as every admin call does.
 *
 * @param {string} apiPath
 * @param {Session} session
 * @param {(error: ApiErrorJson['error'] | null) => void} onUnauthorized
 */
export function createCustomersApi(apiPath, session, onUnauthorized) {
  const call = createApiCall(apiPath, session, onUnauthorized);
  const fetchFile = createFileFetch(apiPath, session, onUnauthorized);
  /** @param {HealthBandJson | null} band */
  const bandQuery = (band) => (band === null ? '' : `health=${band}`);
  return {
    /**
     * @param {HealthBandJson | null} band null: every band
     * @param {number} limit
     * @returns {Promise<ApiResult<CustomerHealthListJson>>}
     */
    list: (band, limit) => call('GET', `/customers?${[bandQuery(band), `limit=${limit}`].filter(Boolean).join('&')}`),
    /**
     * @param {number} id
     * @returns {Promise<ApiResult<CustomerProfileJson>>}
     */
    profile: (id) => call('GET', `/customers/${encodeURIComponent(String(id))}`),
    /**
     * The at-risk list as a CSV file (a Blob to save): the route needs the token, so a plain link
     * could not fetch it. Resolves to null when the server refused.
     *
     * @param {HealthBandJson | null} band
     * @returns {Promise<Blob | null>}
     */
    async csv(band) {
      const file = await fetchFile(`/customers.csv?${bandQuery(band)}`);
      return file.ok ? file.blob : null;
    },
  };
}

/** @typedef {ReturnType<typeof createCustomersApi>} CustomersApi */
