/** How long a new or rotated token works unless the admin says otherwise (`--expires-in`). */
export const DEFAULT_TOKEN_LIFETIME = '90d';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** Ten years: far enough for "practically never", near enough to stay a valid date. */
const MAX_LIFETIME_MS = 3_650 * UNIT_MS.d;

export type TokenLifetime =
  | { readonly kind: 'expires'; readonly ms: number }
  | { readonly kind: 'never' }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Reads a token lifetime as the CLI takes it: a whole number of minutes, hours or days (`30m`,
 * `12h`, `90d`), or `never`. Anything else is `invalid` with a message naming the accepted forms.
 */
export function parseTokenLifetime(raw: string): TokenLifetime {
  const text = raw.trim().toLowerCase();
  if (text === 'never' || text === 'none') return { kind: 'never' };
  const match = /^(\d{1,7})([mhd])$/.exec(text);
  const amount = Number(match?.[1]);
  const unit = match?.[2] as keyof typeof UNIT_MS | undefined;
  if (unit === undefined || amount < 1 || amount * UNIT_MS[unit] > MAX_LIFETIME_MS) {
    return {
      kind: 'invalid',
      problem: `expires-in must be a whole number of minutes, hours or days up to 3650d, like 30m, 12h or 90d, or "never" (got "${raw}")`,
    };
  }
  return { kind: 'expires', ms: amount * UNIT_MS[unit] };
}
