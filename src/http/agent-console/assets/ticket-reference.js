// @ts-check

const REFERENCE = /^T-\d{1,12}$/;

/**
 * `raw` as a ticket reference (`T-1001`; case and surrounding space forgiven), or null.
 *
 * @param {unknown} raw
 * @returns {string | null}
 */
export function validReference(raw) {
  const ref = String(raw || '')
    .trim()
    .toUpperCase();
  return REFERENCE.test(ref) ? ref : null;
}
