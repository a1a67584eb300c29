import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/http/directline/generate-rate-limit.ts';

describe('RateLimiter', () => {
  it('allows the limit per window and address, then says when to retry', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect(limiter.take('a')).toEqual({ kind: 'allowed' });
    expect(limiter.take('a')).toEqual({ kind: 'allowed' });
    now += 15_000;
    expect(limiter.take('a')).toEqual({ kind: 'limited', retryAfterSeconds: 45 });
    expect(limiter.take('b')).toEqual({ kind: 'allowed' });
    now += 45_000;
    expect(limiter.take('a')).toEqual({ kind: 'allowed' });
  });
});
