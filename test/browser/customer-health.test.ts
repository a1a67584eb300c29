import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePages, launchChromium, openPage, sidewaysScroll, signInAt } from '../helpers/chromium.ts';
import { HEALTH_NOW, type SeededHealth, seedHealthHistory } from '../helpers/health-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const WAIT = { timeout: 20_000 } as const;
const TEST_TIMEOUT_MS = 60_000;
const HOSTILE_NAME = '=1+1 <img src=x onerror="document.body.dataset.owned=1">';
const LABELS = { red: 'At risk', yellow: 'Watch', green: 'Healthy' } as const;

interface ListJson {
  customers: Array<{ id: number; score: number; band: 'red' | 'yellow' | 'green' }>;
}
interface ProfileJson {
  score: number;
  band: 'red' | 'yellow' | 'green';
  reasons: Array<{ measure: string; value: number; points: number }>;
  conversations: unknown[];
  tickets: unknown[];
}

describe('customer health pages in a real browser', () => {
  let browser: Browser;
  let server: RunningApp;
  let admin: string;
  let agent: string;
  let seeded: SeededHealth;

  async function api<T>(url: string): Promise<T> {
    const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${admin}` } });
    return (await res.json()) as T;
  }

  async function signIn(where: string, token: string) {
    const opened = await openPage(browser, { viewport: { width: 1024, height: 800 }, acceptDownloads: true });
    await signInAt(opened.page, `${server.url}${where}`, token);
    return opened;
  }

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startApp({}, { clock: () => HEALTH_NOW })]);
    admin = (await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' })).token;
    agent = (await server.app.agents.create({ name: 'Bo', email: 'bo@example.com' })).token;
    seeded = await seedHealthHistory(server.app.db, { avery: HOSTILE_NAME });
  }, 90_000);

  afterEach(() => closePages(browser));

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'lists the customers worst first and filters them by band, as the API gives them',
    async () => {
      const { page, seen } = await signIn('/admin#customers', admin);
      const rows = page.locator('#customers-rows tr');
      const expectRows = async (band: '' | 'red' | 'yellow' | 'green') => {
        const { customers } = await api<ListJson>(`/api/admin/customers${band === '' ? '' : `?health=${band}`}`);
        await expect
          .poll(() => page.locator('#customers-status').textContent(), WAIT)
          .toMatch(/customers?$|No customers/);
        expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-customer'))))).toEqual(
          customers.map((c) => c.id),
        );
        const chips = await rows.locator('.badge').allTextContents();
        expect(chips).toEqual(customers.map((c) => `${LABELS[c.band]} · ${c.score}`));
      };
      await page.locator('#customers-rows tr').first().waitFor(WAIT);
      await expectRows('');
      for (const band of ['red', 'yellow', 'green'] as const) {
        await page.locator('#customers-band').selectOption(band);
        await expectRows(band);
      }
      // The name is text: shown as typed, never run.
      await page.locator('#customers-band').selectOption('red');
      await expect
        .poll(() => page.locator('#customers-rows .customer-name a').first().textContent(), WAIT)
        .toBe(HOSTILE_NAME);
      expect(await page.locator('#customers img').count()).toBe(0);

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#customers-csv').click()]);
      expect(download.suggestedFilename()).toBe('customers-red.csv');
      const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
      expect(csv.split('\r\n')[1]).toContain(`"'${HOSTILE_NAME.replaceAll('"', '""')}"`);

      expect(await sidewaysScroll(page)).toBe(0);
      expect(await page.evaluate(() => document.body.dataset.owned)).toBeUndefined();
      expect(seen.errors).toEqual([]);
      expect(seen.dialogs).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a profile with the score and the reasons the API gives, its conversations and tickets',
    async () => {
      const profile = await api<ProfileJson>(`/api/admin/customers/${seeded.avery.id}`);
      const { page, seen } = await signIn('/admin#customers', admin);
      await page.locator('#customers-rows .customer-name a').first().click();
      await page.locator('#customer-reasons li').first().waitFor(WAIT);
      expect(await page.locator('#customer-title').textContent()).toBe(HOSTILE_NAME);
      expect(await page.locator('.profile-score .badge').textContent()).toBe(
        `${LABELS[profile.band]} · ${profile.score}`,
      );
      const reasons = await page.locator('#customer-reasons li').allTextContents();
      expect(reasons).toHaveLength(profile.reasons.length);
      for (const [i, text] of reasons.entries()) {
        const reason = profile.reasons[i];
        expect(text).toMatch(new RegExp(`^${reason?.value} .*\\(−${reason?.points}\\)$`));
      }
      const parts = page.locator('.profile-part');
      expect(await parts.nth(0).locator('tbody tr').count()).toBe(profile.conversations.length);
      expect(await parts.nth(1).locator('tbody tr').count()).toBe(profile.tickets.length);
      expect(await parts.nth(1).textContent()).toContain('Still no parcel.');
      expect(await sidewaysScroll(page)).toBe(0);
      // A conversation opens in the conversation view.
      await parts.nth(0).locator('tbody tr a').last().click();
      await page.locator('#conversation-messages li').first().waitFor(WAIT);
      expect(await page.locator('#conversation-title').textContent()).toBe('Conversation avery-1');
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => document.body.dataset.owned)).toBeUndefined();
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the customer band on each ticket of the agent queue and on the open ticket',
    async () => {
      const { score, band } = await api<ProfileJson>(`/api/admin/customers/${seeded.avery.id}`);
      const { page, seen } = await signIn('/agent', agent);
      await page.locator('body[data-queue="ready"]').waitFor(WAIT);
      const row = page.locator('#queue-rows tr').first();
      expect(await row.locator('td.customer .badge').textContent()).toBe(`${LABELS[band]} · ${score}`);
      await row.click();
      await expect.poll(() => page.locator('#customer .badge').textContent(), WAIT).toBe(`${LABELS[band]} · ${score}`);
      // The chip adds no width: the page scrolls sideways exactly as much without it (the agent
      // console itself overflows on this unbreakable 40-character hostile name; not the chip's doing).
      const withChip = await sidewaysScroll(page);
      await page.evaluate(() => {
        for (const chip of Array.from(document.querySelectorAll('.badge-health-red')))
          chip.closest('dd')?.previousElementSibling?.remove();
        for (const chip of Array.from(document.querySelectorAll('.badge-health-red'))) chip.remove();
      });
      expect(withChip).toBe(await sidewaysScroll(page));
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
