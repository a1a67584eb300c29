import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePages, launchChromium, openPage, signInAt } from '../helpers/chromium.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const WAIT = { timeout: 20_000 } as const;
const TEST_TIMEOUT_MS = 60_000;
const EXPIRED = /^This token expired on \d{4}-\d\d-\d\dT[\d:.]+Z\. Ask an admin for a new one/;

/**
 * Token expiry and revocation as a person at the agent console or the admin pages meets them, in
 * a real browser: a clear reason on the sign-in form, at sign-in or mid-session, and one audited
 * sign-in per session (a reload resumes it).
 */
describe('consoles: expired and revoked tokens, audited sign-in', () => {
  let browser: Browser;
  let server: RunningApp;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startApp();
  }, TEST_TIMEOUT_MS);
  afterEach(() => closePages(browser));
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(url: string, token: string): Promise<{ page: Page; errors: () => string[] }> {
    const { page, seen } = await openPage(browser);
    await signInAt(page, `${server.url}${url}`, token);
    // A refused token is a 401 the browser logs as a failed resource: an answer, not a script error.
    return { page, errors: () => seen.errors.filter((e) => !/status of 401/.test(e)) };
  }

  const expire = (id: number) =>
    server.app.db
      .updateTable('agents')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
  const signIns = async (id: number) =>
    (await server.app.audit.list({ action: 'auth.sign-in', actor: { kind: 'agent-id', agentId: id }, limit: 10 }))
      .events.length;

  it.each([
    ['/agent', 'agent'],
    ['/admin', 'admin'],
  ] as const)(
    '%s: says an expired token expired, at sign-in and when it expires mid-session',
    async (url, role) => {
      const { agent, token } = await server.app.agents.create({ name: `Expiring ${role}`, role });
      await expire(agent.id);
      const early = await open(url, token);
      await expect.poll(() => early.page.locator('#sign-in-error').textContent(), WAIT).toMatch(EXPIRED);
      expect(await early.page.locator('#console').isHidden()).toBe(true);

      await server.app.db.updateTable('agents').set({ expires_at: null }).where('id', '=', agent.id).execute();
      const working = await open(url, token);
      await working.page.locator('#sign-in').waitFor({ state: 'hidden', ...WAIT });
      await working.page.reload();
      await working.page.locator('#sign-in').waitFor({ state: 'hidden', ...WAIT });
      expect(await signIns(agent.id)).toBe(1); // the form signed in; the reload resumed
      await expire(agent.id);
      // The agent console polls its queue; the admin pages call their API when the admin moves on.
      if (url === '/admin') await working.page.evaluate(() => window.location.assign('#knowledge'));
      await expect
        .poll(() => working.page.locator('#sign-in-error').textContent(), WAIT)
        .toMatch(new RegExp(`^Your session ended\\. ${EXPIRED.source.slice(1)}`));
      expect(early.errors()).toEqual([]);
      expect(working.errors()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'says a revoked token was revoked mid-session',
    async () => {
      const { agent, token } = await server.app.agents.create({ name: 'Revoked', role: 'agent' });
      const { page } = await open('/agent', token);
      await page.locator('#sign-in').waitFor({ state: 'hidden', ...WAIT });
      await server.app.agents.revoke(String(agent.id));
      await expect
        .poll(() => page.locator('#sign-in-error').textContent(), WAIT)
        .toBe('Your session ended. This token has been revoked. Ask an admin for a new one.');
    },
    TEST_TIMEOUT_MS,
  );

  it.each([
    ['a token expiring within the day', 3 * 3_600_000, /^Your token expires in 2 h 59 min/],
    ['a token expiring in minutes', 20 * 60_000, /^Your token expires in 1\d min/],
    ['a token expiring in two days', 48 * 3_600_000, null],
    ['a token that never expires', null, null],
  ] as const)(
    'the agent console warns about %s only when it expires within 24 h',
    async (_what, expiresInMs, warning) => {
      const { token } = await server.app.agents.create({ name: 'Timed', role: 'agent', expiresInMs });
      const { page, errors } = await open('/agent', token);
      await page.locator('#sign-in').waitFor({ state: 'hidden', ...WAIT });
      const expiry = page.locator('#token-expiry');
      if (warning === null) expect(await expiry.isHidden()).toBe(true);
      else {
        await expiry.waitFor({ state: 'visible', ...WAIT });
        expect(await expiry.textContent()).toMatch(warning);
      }
      expect(errors()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
