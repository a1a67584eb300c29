import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, retryDelayMs } from '../../src/notifications/retry-backoff.ts';

describe('retryDelayMs', () => {
  it.each([
    // attempts, base, random, expected: half fixed + half × random of base·2^(attempts−1)
    [1, 10_000, 0, 5_000],
    [1, 10_000, 0.999_999, 10_000],
    [2, 10_000, 0.5, 15_000],
    [3, 10_000, 0, 20_000],
    [5, 10_000, 1, 160_000],
    [30, 10_000, 0, MAX_BACKOFF_MS / 2],
    [30, 10_000, 1, MAX_BACKOFF_MS],
  ])('after %i failed attempt(s) with base %i and random %f waits %i ms', (attempts, base, random, expected) => {
    expect(retryDelayMs(attempts, base, () => random)).toBe(expected);
  });
});
