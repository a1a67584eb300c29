/** How many conversations one client address may create per window. */
export const GENERATE_LIMIT = 30;
export const GENERATE_WINDOW_MS = 60_000;

export type RateDecision =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'limited'; readonly retryAfterSeconds: number };

/** What the token route asks before it creates a conversation for a browser. */
export interface GenerateLimiter {
  take(key: string): RateDecision | Promise<RateDecision>;
}

/**
 * A fixed-window counter per client address, so `POST /tokens/generate` (public, and each call
 * creates a conversation row) cannot be used to fill the database from one address. In-process,
 * for one server; several servers on PostgreSQL share `SharedRateLimiter` (`shared-rate-limit.ts`).
 */
export class RateLimiter implements GenerateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number = GENERATE_LIMIT,
    private readonly windowMs: number = GENERATE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    if (this.#windows.size > 10_000) this.#forgetExpired(now);
    const window = this.#windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      this.#windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return { kind: 'allowed' };
    }
    if (window.count >= this.limit)
      return { kind: 'limited', retryAfterSeconds: Math.ceil((window.resetAt - now) / 1000) };
    window.count += 1;
    return { kind: 'allowed' };
  }

  #forgetExpired(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
