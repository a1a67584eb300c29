import { describe, expect, it } from 'vitest';

/** The console module, plain JavaScript checked by `tsconfig.assets.json`; its shape as the console calls it. */
interface TokenExpiryModule {
  readonly TOKEN_EXPIRY_WARNING_MS: number;
  tokenExpiryWarning(expiresAt: string | null, now: number): string;
}
const { TOKEN_EXPIRY_WARNING_MS, tokenExpiryWarning } = (await import(
  new URL('../../src/http/agent-console/assets/token-expiry.js', import.meta.url).href
)) as TokenExpiryModule;

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const inMs = (ms: number): string => new Date(NOW + ms).toISOString();
const HOUR = 3_600_000;

describe('tokenExpiryWarning (the agent console’s warning)', () => {
  it.each([
    ['a token that never expires', null, ''],
    ['one expiring in two days', inMs(48 * HOUR), ''],
    ['one expiring just after the warning window', inMs(TOKEN_EXPIRY_WARNING_MS + 60_000), ''],
    ['an unreadable time', 'soon', ''],
  ])('says nothing for %s', (_what, expiresAt, expected) => {
    expect(tokenExpiryWarning(expiresAt, NOW)).toBe(expected);
  });

  it.each([
    ['one expiring within the day', inMs(23 * HOUR + 30 * 60_000), /expires in 23 h 30 min/],
    ['one expiring in an hour and a bit', inMs(HOUR + 5 * 60_000), /expires in 1 h 5 min/],
    ['one expiring in minutes', inMs(7 * 60_000), /expires in 7 min/],
    ['one expiring in seconds', inMs(10_000), /expires in 1 min/],
    ['one expiring in whole hours', inMs(5 * HOUR), /expires in 5 h:/],
    ['one a moment short of three hours', inMs(3 * HOUR - 10), /expires in 2 h 59 min/],
    ['one that has expired', inMs(-1), /has expired/],
  ])('warns about %s, saying what to do', (_what, expiresAt, expected) => {
    const warning = tokenExpiryWarning(expiresAt, NOW);
    expect(warning).toMatch(expected);
    expect(warning).toMatch(/ask an admin for a new one/);
  });
});
