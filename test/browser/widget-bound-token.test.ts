import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePages, launchChromium, openPage, type PageWatch } from '../helpers/chromium.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { botRepliedAfter, SEND_BOX, sendInWidget } from '../helpers/widget-page.ts';

// Generous: the app trains its matcher on start-up on a busy 2-core machine.
const BROWSER_TEST_TIMEOUT_MS = 120_000;
const HOOK_TIMEOUT_MS = 60_000;
const SECRET = 'site-secret-0123456789abcdef0123456789abcdef';
const BOUND_USER = { id: 'site-user-42', name: 'Pat' };
const BOT_ID = 'answerdesk-bot';

interface TranscriptActivity {
  readonly type: string;
  readonly text?: string;
  readonly from: { readonly id: string; readonly name?: string };
  readonly replyToId?: string;
  readonly id?: string;
  readonly channelData?: { readonly answerdesk?: { readonly boundUser?: boolean } };
}

/**
 * A customer's website (a different origin from answerdesk: localhost vs 127.0.0.1). `/` embeds
 * the widget with data-token-url="/token"; `/plain` embeds it without. `/token` makes a bound
 * token server-to-server with the Direct Line secret, as the README tells site owners to.
 */
async function startCustomerSite(answerdesk: string): Promise<{
  url: string;
  issued: Array<{ conversationId: string; status: number }>;
  close(): Promise<void>;
}> {
  const issued: Array<{ conversationId: string; status: number }> = [];
  const page = (attrs: string): string =>
    `<!doctype html><title>Shop</title><h1>Northwind Goods</h1>` +
    `<script src="${answerdesk}/widget/embed.js"${attrs} defer></script>`;
  const site = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/token') {
      void (async () => {
        const upstream = await fetch(`${answerdesk}/v3/directline/tokens/generate`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
          body: JSON.stringify({ user: BOUND_USER }),
        });
        const body = await upstream.text();
        const parsed = upstream.ok ? (JSON.parse(body) as { conversationId: string }) : { conversationId: '' };
        issued.push({ conversationId: parsed.conversationId, status: upstream.status });
        res.statusCode = upstream.status;
        res.setHeader('content-type', 'application/json');
        res.end(body);
      })().catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    if (req.method === 'GET' && (req.url === '/' || req.url === '/plain')) {
      res.setHeader('content-type', 'text/html');
      res.end(page(req.url === '/' ? ' data-token-url="/token"' : ''));
      return;
    }
    // Anything else (the browser's /favicon.ico): nothing, but not an error in the console.
    res.statusCode = 204;
    res.end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(site.address() as AddressInfo).port}`,
    issued,
    close: () => new Promise<void>((resolve, reject) => site.close((error) => (error ? reject(error) : resolve()))),
  };
}

describe('website widget with a site-made (bound) token, in a real browser', () => {
  let browser: Browser;
  let server: RunningApp;
  let site: Awaited<ReturnType<typeof startCustomerSite>>;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startApp({ DIRECTLINE_SECRET: SECRET });
    site = await startCustomerSite(server.url);
  }, HOOK_TIMEOUT_MS);
  afterEach(() => closePages(browser));
  afterAll(async () => {
    await site?.close();
    await browser?.close();
    await server?.stop();
  });

  /** Opens `path` on the customer site, clicks the floating button and returns the chat frame. */
  async function openChatOn(path: string): Promise<{
    page: Page;
    chat: Frame;
    seen: PageWatch;
    tokens: Array<{ path: string; conversationId: string }>;
  }> {
    const { page, seen } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
    const tokens = conversationsOf(page);
    await page.goto(`${site.url}${path}`);
    await page.getByRole('button', { name: 'Chat with Support' }).click();
    await page.frameLocator('iframe[title="Chat with Support"]').locator(SEND_BOX).waitFor();
    const chat = page.frames().find((f) => new URL(f.url()).pathname === '/widget/frame');
    if (chat === undefined) throw new Error('the chat iframe did not load /widget/frame');
    return { page, chat, seen, tokens };
  }

  /**
   * The conversations the browser itself got tokens for from answerdesk (generate or refresh), by
   * path. (The chat frame is a third-party iframe, so its storage is partitioned or blocked.)
   */
  function conversationsOf(page: Page): Array<{ path: string; conversationId: string }> {
    const seen: Array<{ path: string; conversationId: string }> = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin !== server.url || !url.pathname.startsWith('/v3/directline/tokens/') || !response.ok()) return;
      void response
        .json()
        .then((body: { conversationId?: string }) =>
          seen.push({ path: url.pathname, conversationId: body.conversationId ?? '' }),
        )
        .catch(() => undefined);
    });
    return seen;
  }

  async function transcript(conversationId: string): Promise<TranscriptActivity[]> {
    const set = await server.app.directLine.service.activitiesAfter(conversationId, 0);
    return set.activities as unknown as TranscriptActivity[];
  }

  /** Waits until the server's transcript has `text` from the customer and a bot reply to it. */
  async function customerTurn(
    conversationId: string,
    text: string,
  ): Promise<{ asked: TranscriptActivity; reply: TranscriptActivity }> {
    await expect
      .poll(
        async () => {
          const all = await transcript(conversationId);
          const asked = all.find((a) => a.type === 'message' && a.text === text && a.from.id !== BOT_ID);
          return asked !== undefined && all.some((a) => a.from.id === BOT_ID && a.replyToId === asked.id);
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBe(true);
    const all = await transcript(conversationId);
    const asked = all.find((a) => a.type === 'message' && a.text === text && a.from.id !== BOT_ID)!;
    const reply = all.find((a) => a.from.id === BOT_ID && a.replyToId === asked.id)!;
    return { asked, reply };
  }

  it(
    'talks as the signed-in customer the site bound the token to',
    async () => {
      const { chat, seen, tokens } = await openChatOn('/');
      const question = 'Where is my order?';
      await sendInWidget(chat, question);

      // The site's server made exactly one token (with the secret); the browser never asked
      // answerdesk for an anonymous one, only refreshed the site's, whose conversation it uses.
      expect(site.issued).toHaveLength(1);
      expect(site.issued[0]?.status).toBe(200);
      await expect.poll(() => tokens.length).toBeGreaterThan(0);
      expect(tokens.map((t) => t.path)).not.toContain('/v3/directline/tokens/generate');
      const conversationId = tokens[0]!.conversationId;
      expect(conversationId).toBe(site.issued[0]?.conversationId);

      const { asked, reply } = await customerTurn(conversationId, question);
      expect(asked.from.id).toBe(BOUND_USER.id);
      expect(asked.channelData?.answerdesk?.boundUser).toBe(true);
      expect(reply.text ?? '').not.toBe('');
      // Every customer activity in the conversation is the bound user; none is an anonymous dl_ id.
      const customers = (await transcript(conversationId)).filter((a) => a.from.id !== BOT_ID);
      expect(customers.length).toBeGreaterThan(0);
      expect(new Set(customers.map((a) => a.from.id))).toEqual(new Set([BOUND_USER.id]));

      // The browser shows the bot's answer too.
      await chat.waitForFunction(botRepliedAfter, question, { timeout: 20_000 });
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'stays anonymous (a dl_ user) on the same site without data-token-url',
    async () => {
      const before = site.issued.length;
      const { chat, seen, tokens } = await openChatOn('/plain');
      const question = 'How do I return an item?';
      await sendInWidget(chat, question);

      await expect.poll(() => tokens.length).toBeGreaterThan(0);
      expect(tokens[0]!.path).toBe('/v3/directline/tokens/generate');
      const conversationId = tokens[0]!.conversationId;
      expect(conversationId).not.toBe('');
      const { asked, reply } = await customerTurn(conversationId, question);
      expect(asked.from.id).toMatch(/^dl_[0-9a-f]{24}$/);
      expect(asked.channelData?.answerdesk?.boundUser).not.toBe(true);
      expect(reply.text ?? '').not.toBe('');
      expect(site.issued.length).toBe(before);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
