import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePages, launchChromium, openPage, type WatchedPage } from '../helpers/chromium.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { botRepliedAfter, SEND_BOX, sendInWidget } from '../helpers/widget-page.ts';

const SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/widget.png');
// Generous: each test may start its own app (matcher training) on a busy 2-core machine.
const BROWSER_TEST_TIMEOUT_MS = 120_000;
const HOOK_TIMEOUT_MS = 60_000;

/** Waits for a bot reply after the user's `text`; on timeout, says what the transcript showed. */
async function waitForReply(target: Page | Frame, text: string): Promise<void> {
  try {
    await target.waitForFunction(botRepliedAfter, text, { timeout: 20_000 });
  } catch (error) {
    const shown = await target
      .locator('.webchat__basic-transcript')
      .textContent()
      .catch(() => '(no transcript)');
    throw new Error(`no bot reply after "${text}"; the transcript shows: ${shown}`, { cause: error });
  }
}

async function conversationIdOf(page: Page): Promise<string> {
  const saved = await page.evaluate(() => sessionStorage.getItem('answerdesk.widget.session'));
  return (JSON.parse(saved ?? '{}') as { conversationId: string }).conversationId;
}

describe('website widget in a real browser', () => {
  let browser: Browser;
  let server: RunningApp;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startApp();
  }, HOOK_TIMEOUT_MS);
  afterEach(() => closePages(browser));
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openWidget(url = server.url): Promise<WatchedPage> {
    const { page, seen } = await openPage(browser, { viewport: { width: 900, height: 760 } });
    await page.goto(`${url}/widget`);
    await page.locator(SEND_BOX).waitFor();
    return { page, seen };
  }

  it(
    'answers a question typed into the widget and still shows the conversation after a reload',
    async () => {
      const { page, seen } = await openWidget();
      const question = 'How do I return an item?';
      await sendInWidget(page, question);
      await waitForReply(page, question);
      // "Just now" replaces "Sending" only when the echo came back with our clientActivityID.
      const mine = page.locator('.webchat__basic-transcript__activity', {
        has: page.locator('.webchat__stacked-layout--from-user'),
      });
      await expect.poll(() => mine.filter({ hasText: question }).textContent()).toContain('Just now');
      const conversationId = await conversationIdOf(page);
      expect(conversationId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      // The README's screenshot is refreshed on request only, so test runs do not churn a tracked file.
      if (process.env.SAVE_SCREENSHOTS === '1') await page.screenshot({ path: SCREENSHOT });

      // "Did this help?" -> Yes: the vote is stored on the answered question's feedback record.
      await page.locator('.webchat__suggested-action', { hasText: /^Yes$/ }).first().waitFor();
      await page.locator('.webchat__suggested-action', { hasText: /^Yes$/ }).first().click();
      await expect
        .poll(
          async () => (await server.app.feedback.transcript(conversationId)).find((r) => r.text === question)?.helpful,
          { timeout: 10_000 },
        )
        .toBe(true);
      const answered = (await server.app.feedback.transcript(conversationId)).find((r) => r.text === question);
      expect(answered?.answeredEntryId).toMatch(/return/);

      await page.reload();
      await page.locator(SEND_BOX).waitFor();
      await waitForReply(page, question);
      expect(await conversationIdOf(page)).toBe(conversationId);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows what a customer types as text and renders bot Markdown without running any script',
    async () => {
      const { page, seen } = await openWidget();
      const attack = '<img src=x onerror=alert(1)>';
      await sendInWidget(page, attack);
      await waitForReply(page, attack);

      // An answer (from the knowledge base, say) with Markdown and hostile HTML in it.
      const conversationId = await conversationIdOf(page);
      const posted = await server.app.directLine.service.postFromBot(
        conversationId,
        {
          type: 'message',
          textFormat: 'markdown',
          text: '**Bold answer** <img src=y onerror=alert(2)> <script>alert(3)</script> [click me](javascript:alert(4))',
          from: { id: 'answerdesk-bot', name: 'Support' },
        },
        undefined,
      );
      expect(posted.kind).toBe('ok');
      const transcript = page.locator('.webchat__basic-transcript');
      await transcript.locator('strong', { hasText: 'Bold answer' }).waitFor();

      await expect.poll(() => transcript.textContent()).toContain(attack);
      expect(await transcript.textContent()).toContain('<img src=y onerror=alert(2)>');
      expect(await transcript.locator('img[src="x"], img[src="y"], img[onerror], script').count()).toBe(0);
      expect(await transcript.locator('a[href^="javascript:"]').count()).toBe(0);
      // Web Chat shows a link with a scheme it does not allow as a plain button; clicking it must do nothing.
      const link = transcript.getByText('click me').filter({ visible: true });
      await link.first().click({ timeout: 10_000 });
      await page.waitForTimeout(500); // give any injected handler the chance to fire
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'opens the chat from the floating button that embed.js adds to another website',
    async () => {
      const site = http.createServer((_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end(
          `<!doctype html><title>Shop</title><h1>Northwind Goods</h1><script src="${server.url}/widget/embed.js" defer></script>`,
        );
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      try {
        const { page, seen } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
        // localhost vs 127.0.0.1: a different origin from the chat server.
        await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
        await page.getByRole('button', { name: 'Chat with Support' }).click();
        const frame = page.frameLocator('iframe[title="Chat with Support"]');
        await frame.locator(SEND_BOX).waitFor();
        const chat = page.frames().find((f) => f.url().endsWith('/widget/frame'));
        if (chat === undefined) throw new Error('the chat iframe did not load /widget/frame');
        await sendInWidget(chat, 'Where is my order?');
        await waitForReply(chat, 'Where is my order?');
        expect(seen.dialogs).toEqual([]);
        expect(seen.errors).toEqual([]);
      } finally {
        await new Promise((resolve) => site.close(resolve));
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows a hostile configured bot name as text',
    async () => {
      const hostile = await startApp({ WIDGET_BOT_NAME: '</script><script>alert("name")</script>' });
      try {
        const { page, seen } = await openWidget(hostile.url);
        expect(await page.locator('h1').textContent()).toBe('Chat with </script><script>alert("name")</script>');
        expect(seen.dialogs).toEqual([]);
        expect(seen.errors).toEqual([]);
      } finally {
        await hostile.stop();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
