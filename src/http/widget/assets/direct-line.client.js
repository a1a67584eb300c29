// @ts-check

/** A Direct Line call this server refused; `status` says how (401/403/404: the token is done for). */
export class DirectLineHttpError extends Error {
  /** @param {string} message @param {number} status */
  constructor(message, status) {
    super(message);
    this.name = 'DirectLineHttpError';
    this.status = status;
  }
}

/**
 * Calls this server's Direct Line API at `api` (its absolute base URL).
 *
 * @param {string} api
 */
export function createDirectLineClient(api) {
  /**
   * Resolves the answer's JSON; rejects with {@link DirectLineHttpError} on a non-2xx answer.
   *
   * @template T
   * @param {'GET' | 'POST'} method
   * @param {string} path
   * @param {string | null} token
   * @param {unknown} [body]
   * @returns {Promise<T>}
   */
  return async function request(method, path, token, body) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(api + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new DirectLineHttpError(`Direct Line ${method} ${path} answered ${res.status}`, res.status);
    return /** @type {Promise<T>} */ (res.json());
  };
}

/** @typedef {ReturnType<typeof createDirectLineClient>} DirectLineRequest */
