/** No retry waits longer than an hour, however many attempts are allowed. */
export const MAX_BACKOFF_MS = 3_600_000;

/**
 * Delay before the next attempt after `attempts` failed ones: exponential (`base`, `2·base`,
 * `4·base`, …, capped) with "equal jitter": half fixed, half random, so servers that failed
 * together do not retry together, yet no retry comes sooner than half the nominal delay.
 *
 * @param random a number in [0, 1), injectable for tests.
 */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const nominal = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
