import { createHash } from 'node:crypto';
import type { RateLimitRepository } from '../../directline/rate-limit.repository.ts';
import { GENERATE_LIMIT, GENERATE_WINDOW_MS, type GenerateLimiter, type RateDecision } from './generate-rate-limit.ts';

/** Old windows are swept once per this many takes (a delete on an indexed column). */
const SWEEP_EVERY = 200;

/**
 * The `POST /tokens/generate` limit kept in the database, so several server processes on one
 * PostgreSQL database enforce ONE limit per client address rather than one each. The same
 * fixed-window rule as the in-memory `RateLimiter`; the address is stored only as a hash.
 * Costs one upsert per token request from a browser (site servers holding the secret are not limited).
 */
export class SharedRateLimiter implements GenerateLimiter {
  #takes = 0;

  constructor(
    private readonly windows: RateLimitRepository,
    private readonly limit: number = GENERATE_LIMIT,
    private readonly windowMs: number = GENERATE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<RateDecision> {
    const now = this.now();
    const startMs = Math.floor(now / this.windowMs) * this.windowMs;
    const windowStart = new Date(startMs).toISOString();
    this.#takes += 1;
    if (this.#takes % SWEEP_EVERY === 0) void this.windows.forgetBefore(windowStart).catch(() => undefined);
    const count = await this.windows.increment(hashKey(key), windowStart);
    if (count <= this.limit) return { kind: 'allowed' };
    return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((startMs + this.windowMs - now) / 1000)) };
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}
