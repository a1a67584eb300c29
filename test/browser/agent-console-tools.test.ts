import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { didYouMean, storeBotMessage } from '../helpers/bot-turn-fixture.ts';
import { closePages, launchChromium, openPage, sidewaysScroll, signInAt } from '../helpers/chromium.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const SCREENSHOT_1024 = path.resolve(import.meta.dirname, '../../docs/screenshots/console-1024.png');
const TEST_TIMEOUT_MS = 60_000;
const HOOK_TIMEOUT_MS = 60_000;
const WAIT = { timeout: 20_000 } as const;
const ATTACK = '<img src=x onerror=alert(1)>';

/** A bot answer using every piece of Markdown the knowledge uses, and a link that must not become one. */
const BOT_ANSWER = [
  'Your ticket is **T-1003**. Open *My account* and use _Track package_.',
  'No account? Use [order tracking](https://northwind.example/track) or write to [us](mailto:help@northwind.example).',
  'Never [click here](javascript:alert(2)) or `code <b>x</b>`.',
  '',
  '- first step',
  '- second **bold** step',
  '',
  '1. one',
  '2. two',
].join('\n');

/** What a customer typed, Markdown-looking and hostile: shown exactly as typed. */
const CUSTOMER_TEXTS = ['**not bold** [x](javascript:alert(3))', ATTACK, 'need help with my refund'];

describe('agent console tools in a real browser: Markdown, offered buttons, narrow screens, solved view, search, canned replies', () => {
  let browser: Browser;
  let server: RunningApp;
  let token: string;
  let agentId: number;

  async function openConsole(hash = '', viewport = { width: 1600, height: 900 }) {
    const { page, seen } = await openPage(browser, { viewport });
    await signInAt(page, `${server.url}/agent${hash}`, token);
    await page.locator('body[data-queue="ready"]').waitFor(WAIT);
    return { page, seen };
  }

  /** A Direct Line conversation (customer messages, then the bot's `answers`) handed to the agents. */
  async function ticketWith(
    conversationId: string,
    options: { name: string; email?: string; messages: string[]; answers?: Parameters<typeof storeBotMessage>[2][] },
  ): Promise<{ reference: string; version: number }> {
    const { customerId } = await seedConversation(server.app.db, {
      conversationId,
      channelId: 'directline',
      name: options.name,
      messages: options.messages,
    });
    if (options.email !== undefined) await server.app.customers.updateContact(customerId, { email: options.email });
    for (const answer of options.answers ?? []) await storeBotMessage(server.app.db, conversationId, answer);
    const { ticket } = await server.app.tickets.escalate({
      conversationId,
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: options.messages[0] ?? 'help',
    });
    return { reference: ticket.reference, version: ticket.version };
  }

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startApp();
    const created = await server.app.agents.create({ name: 'Dana', email: 'dana@example.com' });
    token = created.token;
    agentId = created.agent.id;
  }, HOOK_TIMEOUT_MS);
  afterEach(() => closePages(browser));
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each([
    { width: 1024, height: 768 },
    { width: 1100, height: 800 },
    { width: 390, height: 844 },
  ])(
    'fits $width px: no horizontal scroll, and Close, Add note and Send reply are on screen',
    async (viewport) => {
      // Long, unbreakable values where they hurt most: name, email, subject, a pasted link.
      const kb = server.app.knowledge.snapshot().knowledgeBase;
      const { reference } = await ticketWith(`width-${viewport.width}`, {
        name: 'Maximilian Featherstonehaugh-Worthington',
        email: 'maximilian.featherstonehaugh-worthington@northwind-enterprise-customers.example.com',
        messages: [
          'My order NW-884120 arrived with a cracked blender jug and the replacement I was promised never shipped',
          'where is my parcel',
          'Photo of the box: https://photos.example.com/share/a81f0c7e9d2b4c55a0d1e6f3b7c9e2d4/IMG_20250101_120000.jpg',
          'I want my money back',
        ],
        answers: [
          {
            type: 'message',
            text: kb.entries.find((e) => e.id === 'track-order')?.answer ?? '',
            textFormat: 'markdown',
          },
          didYouMean('Did you mean one of these?', ['Where is my refund', 'Get a refund', 'None of these']),
        ],
      });
      await server.app.tickets.addNote(reference, agentId, 'Checked with the carrier.');
      const { page, seen } = await openConsole(`#${reference}`, viewport);
      await page.locator('#transcript .chip').first().waitFor(WAIT);
      if (viewport.width === 1024 && process.env.SAVE_SCREENSHOTS === '1') {
        fs.mkdirSync(path.dirname(SCREENSHOT_1024), { recursive: true });
        await page.screenshot({ path: SCREENSHOT_1024 });
      }

      expect(await sidewaysScroll(page)).toBe(0);
      for (const name of ['Close the ticket view', 'Add note', 'Send reply', 'Solve']) {
        const button = page.getByRole('button', { name, exact: true });
        await button.scrollIntoViewIfNeeded();
        const box = await button.boundingBox();
        expect(box, name).not.toBeNull();
        if (box === null) continue;
        expect([box.x >= 0, box.x + box.width <= viewport.width], `${name} at x ${box.x}, width ${box.width}`).toEqual([
          true,
          true,
        ]);
        expect([box.y >= 0, box.y + box.height <= viewport.height], `${name} at y ${box.y}`).toEqual([true, true]);
      }
      expect(await sidewaysScroll(page)).toBe(0);

      if (viewport.width < 760) {
        // A phone shows one pane at a time: the ticket, then the queue again from its back button.
        expect(await page.locator('#queue').isVisible()).toBe(false);
        await page.getByRole('button', { name: 'Back to the queue' }).click();
        await page.locator(`tr[data-ref="${reference}"]`).waitFor(WAIT);
        expect(await page.locator('#ticket').isVisible()).toBe(false);
        expect(await sidewaysScroll(page)).toBe(0);
      } else {
        expect(await page.locator('#queue').isVisible()).toBe(true);
        expect(await page.getByRole('button', { name: 'Back to the queue' }).isVisible()).toBe(false);
      }
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "renders the bot's Markdown as elements, safe links only, the customer's text as typed, and the offered buttons",
    async () => {
      const { reference } = await ticketWith('md-1', {
        name: 'Priya Natarajan',
        messages: CUSTOMER_TEXTS,
        answers: [
          { type: 'message', text: BOT_ANSWER, textFormat: 'markdown' },
          didYouMean('Did you mean one of these?', ['Refund status', 'Return an item', ATTACK, 'None of these']),
        ],
      });
      const { page, seen } = await openConsole(`#${reference}`);
      const bot = page.locator('#transcript .message.from-bot');
      await expect.poll(() => bot.count(), WAIT).toBe(2);

      const answer = bot.first().locator('.text.markdown');
      expect(await answer.locator('strong').allTextContents()).toEqual(['T-1003', 'bold']);
      expect(await answer.locator('em').allTextContents()).toEqual(['My account', 'Track package']);
      expect(await answer.locator('code').allTextContents()).toEqual(['code <b>x</b>']);
      expect(await answer.locator('ul > li').allTextContents()).toEqual(['first step', 'second bold step']);
      expect(await answer.locator('ol > li').allTextContents()).toEqual(['one', 'two']);
      expect(await answer.locator('p').first().locator('br').count()).toBe(2);
      const links = await answer
        .locator('a')
        .evaluateAll((as) =>
          as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]),
        );
      expect(links).toEqual([
        ['order tracking', 'https://northwind.example/track', '_blank', 'noopener noreferrer'],
        ['us', 'mailto:help@northwind.example', '_blank', 'noopener noreferrer'],
      ]);
      // The javascript: link stays the text it was written as; no Markdown syntax is left elsewhere.
      expect(await answer.textContent()).toContain('Never [click here](javascript:alert(2)) or');
      expect(await answer.textContent()).not.toMatch(/\*\*|\]\(https/);

      // The "did you mean" turn shows what it offered, as text.
      expect(await bot.nth(1).locator('.chip').allTextContents()).toEqual([
        'Refund status',
        'Return an item',
        ATTACK,
        'None of these',
      ]);
      // The customer's messages: exactly as typed, no element made from them.
      const customer = page.locator('#transcript .message.from-customer .text');
      expect(await customer.allTextContents()).toEqual(CUSTOMER_TEXTS);
      expect(await customer.locator('*').count()).toBe(0);

      await page.waitForTimeout(300); // give any injected handler the chance to fire
      expect(await page.locator('img, #transcript b, #transcript a[href^="javascript"]').count()).toBe(0);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  describe('the Markdown of bot answers, as elements', () => {
    let page: Page;
    beforeAll(async () => {
      const context = await browser.newContext();
      page = await context.newPage();
      await page.goto(`${server.url}/agent`);
      // A string, not a function: the test's bundler would rewrite a function's import().
      await page.evaluate(
        "import('/agent/assets/markdown.js').then((m) => { window.markdownNodes = m.markdownNodes; })",
      );
    }, HOOK_TIMEOUT_MS);
    afterAll(async () => {
      await page?.context().close();
    });

    /** The nodes `markdown.js` builds for `text`, written as `tag(children)`, text as JSON, a link with its href. */
    function rendered(text: string): Promise<string> {
      return page.evaluate((source) => {
        const { markdownNodes } = window as unknown as { markdownNodes(text: string): HTMLElement[] };
        const box = document.createElement('div');
        box.append(...markdownNodes(source));
        box.normalize();
        const show = (n: Node): string =>
          n.nodeType === Node.TEXT_NODE
            ? JSON.stringify(n.textContent)
            : `${n.nodeName.toLowerCase()}${n instanceof HTMLAnchorElement ? `[${n.getAttribute('href')}]` : ''}(${Array.from(n.childNodes).map(show).join(' ')})`;
        return Array.from(box.childNodes).map(show).join(' ');
      }, text);
    }

    it.each([
      ['Use **My account → Orders** now', 'p("Use " strong("My account → Orders") " now")'],
      ['*one* and _two_', 'p(em("one") " and " em("two"))'],
      [
        'snake_case_name, 2*3*4 and $14.99 * 2 = $29.98 * tax',
        'p("snake_case_name, 2*3*4 and $14.99 * 2 = $29.98 * tax")',
      ],
      ['https://x.example/a_b_c', 'p("https://x.example/a_b_c")'],
      ['[order tracking](https://northwind.example/track)', 'p(a[https://northwind.example/track]("order tracking"))'],
      ['Write [to us](mailto:help@northwind.example).', 'p("Write " a[mailto:help@northwind.example]("to us") ".")'],
      ['[x](javascript:alert(1))', 'p("[x](javascript:alert(1))")'],
      ['[x](JavaScript:alert(1))', 'p("[x](JavaScript:alert(1))")'],
      ['[x](data:text/html,<script>alert(1)</script>)', 'p("[x](data:text/html,<script>alert(1)</script>)")'],
      ['[x](//evil.example/)', 'p("[x](//evil.example/)")'],
      ['[x](/relative)', 'p("[x](/relative)")'],
      ['<img src=x onerror=alert(1)>', 'p("<img src=x onerror=alert(1)>")'],
      ['**bold with [a link](https://x.example)**', 'p(strong("bold with " a[https://x.example]("a link")))'],
      ['`**not bold** <b>`', 'p(code("**not bold** <b>"))'],
      ['**unclosed bold and *unclosed em', 'p("**unclosed bold and *unclosed em")'],
      ['line one\nline two', 'p("line one" br() "line two")'],
      ['para one\n\npara two', 'p("para one") p("para two")'],
      ['- a\n- **b**', 'ul(li("a") li(strong("b")))'],
      ['* star item\n+ plus item', 'ul(li("star item") li("plus item"))'],
      ['1. one\n2) two', 'ol(li("one") li("two"))'],
      ['Intro:\n- a\n- b\nAfter', 'p("Intro:") ul(li("a") li("b")) p("After")'],
      ['- a\n  continued', 'ul(li("a" br() "continued"))'],
      ['Windows line\r\nends', 'p("Windows line" br() "ends")'],
    ])('renders %j', async (text, expected) => {
      expect(await rendered(text)).toBe(expected);
    });
  });

  it(
    'shows solved tickets in the solved view and reopens one, which puts it back in the open queue',
    async () => {
      const solved = await ticketWith('solved-1', { name: 'Sam Lee', messages: ['Can I change my delivery address?'] });
      await server.app.tickets.update(solved.reference, { version: solved.version, status: 'solved' }, agentId);
      const { page, seen } = await openConsole();
      const row = page.locator(`tr[data-ref="${solved.reference}"]`);
      expect(await row.count()).toBe(0);

      await page.locator('#queue-status-filter').selectOption('solved');
      await row.waitFor(WAIT);
      await expect.poll(() => page.locator('#queue-count').textContent(), WAIT).toMatch(/^\d+ solved$/);
      await row.click();
      const reopen = page.getByRole('button', { name: 'Reopen' });
      await reopen.waitFor(WAIT);
      await reopen.click();
      await expect.poll(() => page.locator('#ticket-facts .badge-status-open').count(), WAIT).toBe(1);
      expect(await reopen.isVisible()).toBe(false);
      await page
        .locator('#events .event')
        .getByText(/solved.*open/)
        .first()
        .waitFor(WAIT);
      const stored = await server.app.ticketQueries.byReference(solved.reference);
      expect([stored.status, stored.solvedAt]).toEqual(['open', null]);

      await page.locator('#queue-status-filter').selectOption('open');
      await page.locator(`tr[data-ref="${solved.reference}"]`).waitFor(WAIT);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'searches the queue on the server by email, name, reference and message text',
    async () => {
      const alex = await ticketWith('search-1', {
        name: 'Alex Kim',
        email: 'alex.kim@example.org',
        messages: ['gift card problem', 'code GIFT-4471 is refused'],
      });
      const jo = await ticketWith('search-2', { name: 'Jo Park', messages: ['discount code'] });
      const { page, seen } = await openConsole();
      const shown = () =>
        page.locator('#queue-rows tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')));
      const search = page.locator('#queue-search');
      for (const [q, expected] of [
        ['alex.kim@', [alex.reference]],
        ['jo park', [jo.reference]],
        [jo.reference.toLowerCase(), [jo.reference]],
        ['GIFT-4471', [alex.reference]],
        ['%', []],
      ] as const) {
        await search.fill(q);
        await expect.poll(shown, WAIT).toEqual(expected);
      }
      expect(await page.locator('#queue-empty').textContent()).toBe('No tickets match.');
      const requested = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name))
          .filter((u) => u.pathname.endsWith('/api/agent/tickets'))
          .map((u) => u.searchParams.get('q')),
      );
      expect(requested).toContain('GIFT-4471');
      await search.fill('');
      await expect.poll(async () => (await shown()).length, WAIT).toBeGreaterThan(1);
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'inserts a knowledge answer into the reply for the agent to edit, without sending it',
    async () => {
      const { reference } = await ticketWith('canned-1', { name: 'Casey', messages: ['where is my parcel'] });
      const { page, seen } = await openConsole(`#${reference}`);
      await page.locator('#ticket-title .ref').getByText(reference).waitFor(WAIT);
      const replies: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/replies')) replies.push(r.url());
      });
      const reply = page.locator('#reply-text');
      await reply.fill('Hi Casey,');
      const kb = server.app.knowledge.snapshot().knowledgeBase;
      const track = kb.entries.find((e) => e.id === 'track-order');

      const search = page.locator('#canned-search');
      await search.fill('track');
      const option = page.locator('#canned-results .canned-option', { hasText: 'Track my order' });
      await option.waitFor(WAIT);
      await option.click();
      expect(await reply.inputValue()).toBe(`Hi Casey,\n\n${track?.answer.trim()}`);
      expect(await page.locator('#canned-results').isVisible()).toBe(false);
      expect(await search.inputValue()).toBe('');

      // Enter in the picker takes its first answer; it never submits the reply.
      await reply.fill('');
      await search.fill('refund');
      await page.locator('#canned-results .canned-option').first().waitFor(WAIT);
      await search.press('Enter');
      await expect
        .poll(() => reply.inputValue(), WAIT)
        .toBe(kb.entries.find((e) => e.title === 'Get a refund')?.answer.trim());
      await page.waitForTimeout(300);
      expect(replies).toEqual([]);
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
