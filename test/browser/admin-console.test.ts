import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageTable } from '../../src/conversations/conversation.table.ts';
import { closePages, launchChromium, openPage, sidewaysScroll, signInAt } from '../helpers/chromium.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';
import { botRepliedAfter, sendInWidget } from '../helpers/widget-page.ts';

const INBOX_SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/screenshots/admin-inbox-1024.png');
const ADMIN_ASSETS = path.resolve(import.meta.dirname, '../../src/http/admin-console/assets');
const TEST_TIMEOUT_MS = 60_000;
const LOOP_TIMEOUT_MS = 150_000;
const HOOK_TIMEOUT_MS = 60_000;
const WAIT = { timeout: 20_000 } as const;
const ATTACK = '<img src=x onerror="document.body.dataset.owned=1">';

/** What the bot said after the customer's last message `text`. Runs in the page. */
function botReplyAfter(text: string): string {
  const articles = Array.from(document.querySelectorAll('.webchat__basic-transcript__activity'));
  const fromUser = (a: Element): boolean => a.querySelector('.webchat__stacked-layout--from-user') !== null;
  const asked = articles.findLastIndex((a) => fromUser(a) && (a.textContent ?? '').includes(text));
  return articles
    .slice(asked + 1)
    .filter((a) => !fromUser(a))
    .map((a) => a.textContent ?? '')
    .join('\n');
}

type Columns = Partial<
  Pick<MessageTable, 'message_kind' | 'match_kind' | 'match_entry_id' | 'answered_entry_id' | 'helpful'>
>;

describe('admin pages in a real browser', () => {
  let browser: Browser;
  let server: RunningApp;
  let knowledgeDir: string;
  let adminToken: string;
  let agentToken: string;
  let seeded = 0;

  /** Opens `/admin${hash}` and signs in with `token` through the form. */
  async function signIn(token: string, hash = '', viewport = { width: 1024, height: 800 }) {
    const opened = await openPage(browser, { viewport });
    await signInAt(opened.page, `${server.url}/admin${hash}`, token);
    return opened;
  }

  async function openInbox(viewport?: { width: number; height: number }) {
    const opened = await signIn(adminToken, '', viewport);
    await opened.page.locator('body[data-inbox="ready"]').waitFor(WAIT);
    return opened;
  }

  /** Opens a card's "New entry" form (open already when the suggestion is a new entry). */
  async function openNewEntry(card: Locator): Promise<void> {
    const details = card.locator('details.choice', { hasText: 'New entry' });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }

  /** A customer message stored an hour ago with the columns the turn would have written. */
  async function customerSaid(text: string, columns: Columns): Promise<string> {
    seeded += 1;
    const conversationId = `admin-seed-${seeded}`;
    const at = new Date(Date.now() - 60 * 60_000 + seeded * 1000).toISOString();
    const { messageIds } = await seedConversation(server.app.db, { conversationId, messages: [text], at });
    await server.app.db
      .updateTable('messages')
      .set({ match_candidates: '[]', ...columns })
      .where('id', '=', messageIds[0] ?? 0)
      .execute();
    return conversationId;
  }

  beforeAll(async () => {
    // Accepting writes into the knowledge folder: a copy of the fixture, never the fixture itself.
    knowledgeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-admin-kb-'));
    fs.cpSync(FIXTURE_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
    [browser, server] = await Promise.all([launchChromium(), startApp({ KNOWLEDGE_DIR: knowledgeDir })]);
    adminToken = (await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' })).token;
    agentToken = (await server.app.agents.create({ name: 'Bo', email: 'bo@example.com' })).token;
    await customerSaid(`track ${ATTACK} please`, {
      message_kind: 'question',
      match_kind: 'answer',
      match_entry_id: 'track-order',
      answered_entry_id: 'track-order',
      helpful: 1,
    });
    await customerSaid('where is my parcel now', {
      message_kind: 'question',
      match_kind: 'answer',
      match_entry_id: 'track-order',
      answered_entry_id: 'track-order',
      helpful: 0,
    });
  }, HOOK_TIMEOUT_MS);

  afterEach(() => closePages(browser));

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(knowledgeDir, { recursive: true, force: true });
  });

  it(
    "runs as ES modules from this server under the agent console's policy, which refuses HTML sinks",
    async () => {
      const { page, seen } = await signIn(adminToken);
      await page.locator('#tabs').waitFor(WAIT);
      const scripts = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname)
          .filter((p) => p.endsWith('.js')),
      );
      // Every admin module, and the agent console's modules it reuses from the mirrored folder.
      const own = fs.readdirSync(ADMIN_ASSETS).filter((name) => name.endsWith('.js'));
      expect(scripts.filter((p) => p.startsWith('/admin/admin-console/assets/')).sort()).toEqual(
        own.map((name) => `/admin/admin-console/assets/${name}`).sort(),
      );
      expect(scripts.filter((p) => !p.startsWith('/admin/admin-console/assets/')).sort()).toEqual(
        [
          'agent-api.client.js',
          'complaint-labels.js',
          'dom.js',
          'format.js',
          'health-chip.js',
          'session.js',
          'sign-in.view.js',
          'token-expiry.js',
          'token-storage.js',
        ].map((name) => `/admin/agent-console/assets/${name}`),
      );
      const sink = await page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<b id="injected">x</b>');
          return 'written';
        } catch (error) {
          return error instanceof TypeError ? 'refused' : String(error);
        }
      });
      expect(sink).toBe('refused');
      expect(seen.errors.filter((e) => !/requires 'TrustedHTML' assignment|require-trusted-types-for/.test(e))).toEqual(
        [],
      );
      expect(seen.dialogs).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'signs an admin in; tells an agent the pages need the admin role and a wrong token that it is not valid',
    async () => {
      const agent = await signIn(agentToken);
      await expect
        .poll(() => agent.page.locator('#sign-in-error').textContent(), WAIT)
        .toBe('Bo signed in with an agent token: the admin pages need the admin role.');
      expect(await agent.page.locator('#console').isHidden()).toBe(true);
      expect(await agent.page.evaluate(() => sessionStorage.getItem('answerdesk.agent.token'))).toBeNull();

      const wrong = await signIn('not-a-token');
      await expect
        .poll(() => wrong.page.locator('#sign-in-error').textContent(), WAIT)
        .toBe('The token is not valid or has been revoked.');

      const { page, seen } = await signIn(adminToken);
      await page.locator('#tabs').waitFor(WAIT);
      expect(await page.locator('#me-name').textContent()).toBe('Ada (admin)');
      // A reload keeps the tab signed in; signing out forgets the token.
      await page.reload();
      await page.locator('#tabs').waitFor(WAIT);
      await page.locator('#sign-out').click();
      await page.locator('#sign-in-form').waitFor(WAIT);
      expect(await page.evaluate(() => sessionStorage.getItem('answerdesk.agent.token'))).toBeNull();
      // The wrong token's refusal is the one failed request; nothing else went wrong on any page.
      expect(wrong.seen.errors).toEqual([expect.stringContaining('status of 401')]);
      expect([...agent.seen.errors, ...seen.errors]).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows each entry's questions, answer rate, helpful rate and recent questions, customers' words as text",
    async () => {
      const { page, seen } = await signIn(adminToken, '#knowledge');
      await page.locator('body[data-knowledge="ready"]').waitFor(WAIT);
      const row = page.locator('tr[data-entry-id="track-order"]');
      expect(await row.locator('td').nth(1).textContent()).toBe('2');
      expect(await row.locator('td').nth(2).textContent()).toBe('100%');
      expect(await row.locator('td').nth(3).textContent()).toBe('50%2 votes');
      // The attack is shown as the customer typed it, and never ran.
      expect(await row.locator('.recent q').allTextContents()).toEqual([
        'where is my parcel now',
        `track ${ATTACK} please`,
      ]);
      expect(await page.locator('.recent img').count()).toBe(0);
      expect(await page.evaluate(() => document.body.dataset.owned ?? null)).toBeNull();
      // The filter narrows the list; a shorter period leaves the hour-old questions out.
      await page.locator('#knowledge-search').fill('refund');
      expect(await page.locator('#knowledge-rows tr').count()).toBeGreaterThan(0);
      expect(await page.locator('#knowledge-rows tr[data-entry-id="track-order"]').count()).toBe(0);
      await page.locator('#knowledge-search').fill('');
      expect(await page.locator('#knowledge-rows tr').count()).toBe(
        server.app.knowledge.snapshot().knowledgeBase.entries.length,
      );
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "renders a suggestion's untrusted phrasings and examples as text",
    async () => {
      const conversationId = await customerSaid(`pay ${ATTACK} with shells`, {
        message_kind: 'question',
        match_kind: 'no-match',
      });
      const { page, seen } = await openInbox();
      const card = page.locator('article.suggestion', { hasText: 'with shells' });
      await card.waitFor(WAIT);
      expect(await card.locator('.phrasing').allTextContents()).toContain(`pay ${ATTACK} with shells`);
      await card.locator('.examples summary').click();
      expect(await card.locator('.examples q').allTextContents()).toContain(`pay ${ATTACK} with shells`);
      expect(await card.locator('.examples a').first().getAttribute('href')).toBe(`#conversation/${conversationId}`);
      expect(await page.locator('article.suggestion img').count()).toBe(0);

      // The example's link opens its conversation, as text; Back returns to the inbox, ticks kept.
      const box = card.locator('.phrasings input[type="checkbox"]').first();
      await box.uncheck();
      await card.locator('.examples a').first().click();
      await page.locator('#conversation-messages li').first().waitFor(WAIT);
      expect(await page.locator('#conversation-messages .text').allTextContents()).toEqual([
        `pay ${ATTACK} with shells`,
      ]);
      expect(await page.locator('#conversation img').count()).toBe(0);
      await page.getByRole('button', { name: 'Back' }).click();
      await card.waitFor(WAIT);
      expect(await box.isChecked()).toBe(false);
      expect(await page.evaluate(() => document.body.dataset.owned ?? null)).toBeNull();
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows the API's refusal in words, and that at least one phrasing must be ticked",
    async () => {
      await customerSaid('can I pay in seashells', { message_kind: 'question', match_kind: 'no-match' });
      const { page, seen } = await openInbox();
      const card = page.locator('article.suggestion', { hasText: 'can I pay in seashells' });
      await card.waitFor(WAIT);
      await openNewEntry(card);
      // An id the knowledge already has: the server refuses and says why.
      await card.locator('input[name="id"]').fill('track-order');
      await card.locator('input[name="title"]').fill('Seashells');
      await card.locator('textarea[name="answer"]').fill('We only take money.');
      await card.getByRole('button', { name: 'Create entry with the ticked phrasings' }).click();
      await expect.poll(() => card.locator('.card-error').textContent(), WAIT).toMatch(/track-order/);
      for (const box of await card.locator('.phrasings input[type="checkbox"]').all()) await box.uncheck();
      expect(await card.locator('.ticked').textContent()).toMatch(/^\(0 of \d+ ticked\)$/);
      await card.getByRole('button', { name: 'Not our topic' }).click();
      expect(await card.locator('.card-error').textContent()).toBe('Tick at least one phrasing first.');
      expect(seen.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'dismisses a card: it leaves the inbox and is not suggested again',
    async () => {
      const text = 'is the moon made of cheese';
      await customerSaid(text, { message_kind: 'question', match_kind: 'no-match' });
      const { page, seen } = await openInbox();
      const card = page.locator('article.suggestion', { hasText: text });
      await card.waitFor(WAIT);
      await card.getByRole('button', { name: 'Dismiss' }).click();
      await expect
        .poll(() => page.locator('#inbox-status').textContent(), WAIT)
        .toBe('Dismissed: those questions will not be suggested again.');
      expect(await page.locator('.phrasing').allTextContents()).not.toContain(text);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => page.locator('#inbox-status').textContent(), WAIT).toBe('');
      expect(await page.locator('.phrasing').allTextContents()).not.toContain(text);
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'adds the ticked phrasings to an entry chosen in the searchable picker, and says where they were written',
    async () => {
      const text = 'where has my shipment wandered off to';
      await customerSaid(text, { message_kind: 'question', match_kind: 'no-match' });
      const { page, seen } = await openInbox();
      const card = page.locator('article.suggestion', { hasText: text });
      await card.waitFor(WAIT);
      for (const box of await card.locator('.phrasings input[type="checkbox"]').all()) {
        if ((await box.getAttribute('value')) !== text) await box.uncheck();
      }
      await card.locator('details.choice summary', { hasText: 'Add to another entry' }).click();
      await card.locator('.picker-search').fill('track');
      const shown = await card.locator('.picker-list option').allTextContents();
      expect(shown).toContain('Track my order (track-order)');
      expect(shown).not.toContain('Cancel an order (cancel-order)');
      await card.locator('.picker-list').selectOption('track-order');
      const trackOrder = server.app.knowledge.snapshot().knowledgeBase.entries.find((e) => e.id === 'track-order');
      expect(await card.locator('.picker-preview').textContent()).toBe(trackOrder?.answer);
      await card.getByRole('button', { name: 'Add to the chosen entry' }).click();
      await expect
        .poll(() => page.locator('#inbox-status').textContent(), { timeout: 60_000 })
        .toMatch(/^Added 1 phrasing to "Track my order" \(.+orders\.yaml, line \d+\)\.$/);
      const line = Number(/line (\d+)/.exec((await page.locator('#inbox-status').textContent()) ?? '')?.[1]);
      const orders = fs.readFileSync(path.join(knowledgeDir, 'faq', 'orders.yaml'), 'utf8').split('\n');
      expect(orders[line - 1]).toContain(text);
      expect(seen.errors).toEqual([]);
    },
    LOOP_TIMEOUT_MS,
  );

  it(
    'closes the loop: a question the bot misses in the widget is accepted into a new entry in the inbox, then answered from it',
    async () => {
      const question = 'can I pay with bitcoin';
      const answer = 'We take cards and PayPal; no cryptocurrencies, sorry.';
      const { page: customer } = await openPage(browser, { viewport: { width: 1024, height: 800 } });
      await customer.goto(`${server.url}/widget`);
      await sendInWidget(customer, question);
      await customer.waitForFunction(botRepliedAfter, question, WAIT);
      expect(await customer.evaluate(botReplyAfter, question)).not.toContain(answer);

      const { page, seen } = await openInbox();
      const card = page.locator('article.suggestion', { hasText: question });
      await card.waitFor(WAIT);
      if (process.env.SAVE_SCREENSHOTS === '1') {
        fs.mkdirSync(path.dirname(INBOX_SCREENSHOT), { recursive: true });
        await page.screenshot({ path: INBOX_SCREENSHOT, fullPage: false });
      }
      // The group may hold other customers' wordings: only this one is ticked for the new entry.
      for (const box of await card.locator('.phrasings input[type="checkbox"]').all()) {
        if ((await box.getAttribute('value')) !== question) await box.uncheck();
      }
      const others = await card.locator('.phrasings input[type="checkbox"]:not(:checked)').count();
      expect(await card.locator('.ticked').textContent()).toBe(`(1 of ${others + 1} ticked)`);
      await openNewEntry(card);
      await card.locator('input[name="id"]').fill('pay-with-crypto');
      await card.locator('input[name="title"]').fill('Paying with crypto');
      await card.locator('textarea[name="answer"]').fill(answer);
      await card.getByRole('button', { name: 'Create entry with the ticked phrasings' }).click();
      await expect
        .poll(() => page.locator('#inbox-status').textContent(), { timeout: 60_000 })
        .toMatch(/^Created "Paying with crypto" with 1 phrasing \(.+\.yaml, line \d+\)\.$/);
      // Accepted wordings leave the inbox; unticked ones stay for another decision.
      await expect.poll(() => page.locator('.phrasing').allTextContents(), WAIT).not.toContain(question);
      if (others > 0) expect(await page.locator('.phrasing', { hasText: 'seashells' }).count()).toBe(1);
      const written = fs
        .readdirSync(path.join(knowledgeDir, 'faq'))
        .map((name) => fs.readFileSync(path.join(knowledgeDir, 'faq', name), 'utf8'))
        .join('\n');
      expect(written).toContain('id: pay-with-crypto');
      expect(written).toContain(question);

      await sendInWidget(customer, question);
      await expect.poll(() => customer.evaluate(botReplyAfter, question), { timeout: 30_000 }).toContain(answer);
      expect(seen.errors).toEqual([]);
    },
    LOOP_TIMEOUT_MS,
  );

  it.each([
    { width: 1024, height: 768 },
    { width: 390, height: 844 },
  ])(
    'fits a $width px wide window without sideways scrolling',
    async (viewport) => {
      await customerSaid('do you deliver to the moon', { message_kind: 'question', match_kind: 'no-match' });
      const { page } = await openInbox(viewport);
      await page.locator('article.suggestion').first().waitFor(WAIT);
      expect(await sidewaysScroll(page)).toBe(0);
      const card = await page.locator('article.suggestion').first().boundingBox();
      expect(card?.width ?? 0).toBeLessThanOrEqual(viewport.width);
      await page.getByRole('link', { name: 'Knowledge' }).click();
      await page.locator('body[data-knowledge="ready"]').waitFor(WAIT);
      expect(await sidewaysScroll(page)).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});
