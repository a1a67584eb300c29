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
  // Whole minutes left, rounded down (never "60 min"), and at least one.
  const total = Math.max(1, Math.floor(left / 60_000));
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const inTime = hours === 0 ? `${minutes} min` : minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  return `Your token expires in ${inTime}: ask an admin for a new one (answerdesk agent rotate).`;
}
