// @ts-check

/** How long before its token expires an agent is warned: a working day's notice to get a new one. */
export const TOKEN_EXPIRY_WARNING_MS = 24 * 60 * 60 * 1000;

/**
 * The warning the console shows when the signed-in token expires within
 * {@link TOKEN_EXPIRY_WARNING_MS}; '' when it expires later, never (null) or the time is unreadable.
 *
 * @param {string | null} expiresAt the token's expiry as `GET /me` gives it
 * @param {number} now milliseconds since the epoch
 * @returns {string}
 */
export function tokenExpiryWarning(expiresAt, now) {
  if (expiresAt === null) return '';
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return '';
  const left = at - now;
  if (left > TOKEN_EXPIRY_WARNING_MS) return '';
  if (left <= 0) return 'Your token has expired: ask an admin for a new one.';
  const hours = Math.floor(left / 3_600_000);
  const minutes = Math.max(1, Math.round((left % 3_600_000) / 60_000));
  const inTime = hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
  return `Your token expires in ${inTime}: ask an admin for a new one (answerdesk agent rotate).`;
}
