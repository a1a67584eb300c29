import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePages, launchChromium, openPage, signInAt, type WatchedPage } from '../helpers/chromium.ts';
import { analyseMessage, seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { botRepliedAfter, sendInWidget } from '../helpers/widget-page.ts';

const QUEUE_SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/agent-console.png');
const TICKET_SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/agent-ticket.png');
const FLOW_TIMEOUT_MS = 150_000;
const TEST_TIMEOUT_MS = 60_000;
const HOOK_TIMEOUT_MS = 60_000;
const WAIT = { timeout: 20_000 } as const;
const ATTACK = '<img src=x onerror=alert(1)>';
const ASSETS_DIR = path.resolve(import.meta.dirname, '../../src/http/agent-console/assets');

/** Types `text` into Web Chat and waits until it was sent (the box empties once Web Chat is online). */

/** Waits until the widget's transcript shows `text`; on timeout, says what it showed. */
async function widgetShows(page: Page, text: string | RegExp): Promise<void> {
  const transcript = page.locator('.webchat__basic-transcript');
  try {
    await expect
      .poll(() => transcript.textContent(), WAIT)
      .toMatch(typeof text === 'string' ? new RegExp(escapeRegExp(text)) : text);
  } catch (error) {
    throw new Error(`the widget never showed ${String(text)}; it shows: ${await transcript.textContent()}`, {
      cause: error,
    });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('agent console in a real browser', () => {
  let browser: Browser;
  let server: RunningApp;
  let dana: { id: number; token: string };
  let bo: { id: number; token: string };

  /** Opens the console at `/agent${hash}` and signs in with `token` through the form. */
  async function openConsole(token: string, hash = ''): Promise<WatchedPage> {
    const opened = await openPage(browser, { viewport: { width: 1600, height: 900 } });
    await signInAt(opened.page, `${server.url}/agent${hash}`, token);
    await opened.page.locator('body[data-queue="ready"]').waitFor(WAIT);
    return opened;
  }

  async function escalateSeeded(options: {
    conversationId: string;
    name: string;
    messages: string[];
    priority: 'low' | 'normal' | 'high' | 'urgent';
    category: string;
    comparative?: number;
    minutesAgo?: number;
  }): Promise<{ reference: string; customerId: number; version: number }> {
    const at = new Date(Date.now() - (options.minutesAgo ?? 0) * 60_000).toISOString();
    const { customerId, messageIds } = await seedConversation(server.app.db, { ...options, at });
    if (options.comparative !== undefined) {
      await analyseMessage(server.app.db, messageIds.at(-1) ?? 0, { comparative: options.comparative });
    }
    const { ticket } = await server.app.tickets.escalate({
      conversationId: options.conversationId,
      customerId,
      reason: options.comparative !== undefined && options.comparative < 0 ? 'negative_sentiment' : 'requested',
      priority: options.priority,
      subject: options.messages[0] ?? 'help',
      category: options.category,
    });
    // Back-date so the queue's waiting times look like a real morning.
    await server.app.db.updateTable('tickets').set({ created_at: at }).where('id', '=', ticket.id).execute();
    return { reference: ticket.reference, customerId, version: ticket.version };
  }

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startApp();
    const created = await Promise.all([
      server.app.agents.create({ name: 'Dana', email: 'dana@example.com' }),
      server.app.agents.create({ name: 'Bo', email: 'bo@example.com' }),
    ]);
    dana = { id: created[0].agent.id, token: created[0].token };
    bo = { id: created[1].agent.id, token: created[1].token };

    // A queue that already has work in it, and a known customer (solved ticket, email) whose address
    // the widget customer types later.
    const earlier = await escalateSeeded({
      conversationId: 'seed-sam',
      name: 'Sam Lee',
      messages: ['Can I change my delivery address?'],
      priority: 'normal',
      category: 'delivery',
      minutesAgo: 60 * 24 * 9,
    });
    await server.app.customers.updateContact(earlier.customerId, { email: 'sam@example.com' });
    await server.app.tickets.update(earlier.reference, { version: earlier.version, status: 'solved' }, bo.id);
    await escalateSeeded({
      conversationId: 'seed-1',
      name: 'Priya Natarajan',
      messages: ['I was charged twice for order NW-884120'],
      priority: 'urgent',
      category: 'billing_payment',
      comparative: -0.6,
      minutesAgo: 42,
    });
    await escalateSeeded({
      conversationId: 'seed-2',
      name: 'Tom Becker',
      messages: ['The blender arrived with a cracked jug'],
      priority: 'high',
      category: 'damaged_product',
      comparative: -0.4,
      minutesAgo: 95,
    });
    const assigned = await escalateSeeded({
      conversationId: 'seed-3',
      name: 'Alex Kim',
      messages: ['How do I use my gift card online?'],
      priority: 'normal',
      category: 'payments',
      comparative: 0,
      minutesAgo: 18,
    });
    await server.app.tickets.update(assigned.reference, { version: assigned.version, assigneeId: bo.id }, bo.id);
    await escalateSeeded({
      conversationId: 'seed-4',
      name: 'Maria Rossi',
      messages: ['Thanks, just want to confirm the warranty period'],
      priority: 'low',
      category: 'warranty',
      comparative: 0.5,
      minutesAgo: 7,
    });
  }, HOOK_TIMEOUT_MS);
  afterEach(() => closePages(browser));
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'takes a customer from "talk to a human" to a 5-star rating: live queue, claim, replies both ways, note, solve',
    async () => {
      const { page: agent, seen } = await openConsole(dana.token);
      expect(await agent.locator('#me-name').textContent()).toBe('Dana');
      expect(
        await agent.evaluate(() => [sessionStorage.getItem('answerdesk.agent.token') !== null, localStorage.length]),
      ).toEqual([true, 0]);
      expect(await agent.locator('#queue-count').textContent()).toBe('4 open');
      // The sentiment column shows the customer's worst message and the trend of their mood.
      const priya = agent.locator('#queue-rows tr', { hasText: 'Priya Natarajan' }).locator('td.sentiment');
      expect(await priya.getAttribute('data-worst')).toBe('negative');
      expect(await priya.getAttribute('data-trend')).toBe('steady');
      expect(await priya.locator('.badge').textContent()).toBe('negative');
      // Categories read as words, whole (they wrap rather than end in "…"), the severity beside them.
      for (const [name, words] of [
        ['Priya Natarajan', 'Billing or payment'],
        ['Tom Becker', 'Damaged product'],
      ]) {
        const category = agent.locator('#queue-rows tr', { hasText: name }).locator('td.category');
        expect(await category.textContent()).toMatch(new RegExp(`^${words}`));
        expect(await category.getAttribute('title')).toMatch(new RegExp(`^${words}`));
        const [shown, needed] = await category.evaluate((cell) => [cell.clientWidth, cell.scrollWidth]);
        expect(needed).toBeLessThanOrEqual(shown ?? 0);
      }
      // Marks this document: if the console reloaded, the mark would be gone.
      await agent.evaluate(() => document.documentElement.setAttribute('data-loaded-once', 'yes'));

      // The customer asks for a person in the widget.
      const { page: customer, seen: customerSeen } = await openPage(browser, { viewport: { width: 900, height: 760 } });
      await customer.goto(`${server.url}/widget`);
      await sendInWidget(customer, 'Where is my order?');
      await customer.waitForFunction(botRepliedAfter, 'Where is my order?', WAIT);
      await sendInWidget(customer, 'talk to a human');
      await widgetShows(customer, 'What name should they use for you?');
      await sendInWidget(customer, 'Sam Lee');
      await widgetShows(customer, 'which email address can they reach you at');
      await sendInWidget(customer, 'sam@example.com');
      await widgetShows(customer, /as ticket T-\d+/);
      const reference =
        /as ticket (T-\d+)/.exec((await customer.locator('.webchat__basic-transcript').textContent()) ?? '')?.[1] ?? '';

      // It appears in the queue by itself.
      const row = agent.locator(`tr[data-ref="${reference}"]`);
      await row.waitFor(WAIT);
      await expect.poll(() => agent.locator('#queue-count').textContent()).toBe('5 open');
      expect(await row.locator('td').allTextContents()).toEqual([
        reference,
        'Where is my order?',
        // Their health chip first: one open ticket, 8 points (test/fixtures/knowledge/health.yaml).
        'Healthy · 92Sam Lee',
        '—',
        'normal',
        expect.any(String),
        'just now',
        'unassigned',
      ]);
      expect(await agent.evaluate(() => document.documentElement.getAttribute('data-loaded-once'))).toBe('yes');
      if (process.env.SAVE_SCREENSHOTS === '1') await agent.screenshot({ path: QUEUE_SCREENSHOT });

      // Open it: the whole transcript, with markers, and the customer's earlier ticket.
      await row.click();
      expect(new URL(agent.url()).hash).toBe(`#${reference}`);
      const transcript = agent.locator('#transcript');
      await transcript.getByText('talk to a human').waitFor(WAIT);
      expect(await transcript.locator('.message.from-customer').first().locator('.author').textContent()).toBe(
        'Sam Lee',
      );
      expect(await transcript.locator('.message.from-customer .badge[class*="sentiment-"]').count()).toBeGreaterThan(0);
      expect(await transcript.locator('.message.from-bot').count()).toBeGreaterThan(0);
      // The widget's customer is not signed in, so typing the address of the Sam Lee the CRM knows
      // does not make them that customer: no earlier tickets shown, no email on their record, and a
      // note from the bot tells the agent what was typed.
      await agent.locator('#events .event.note').getByText('sam@example.com').waitFor(WAIT);
      expect(await agent.locator('#other-tickets').textContent()).not.toContain('Can I change my delivery address?');
      expect(await agent.locator('#customer').textContent()).not.toContain('sam@example.com');

      // Claim: the customer is told who joined.
      await agent.getByRole('button', { name: 'Claim' }).click();
      await expect
        .poll(() => agent.locator('#ticket-facts .assigned').textContent(), WAIT)
        .toBe('Assigned to Dana (you)');
      await widgetShows(customer, 'Dana from our support team has joined the chat.');

      // Reply, live, into the widget.
      const reply = 'Hi Sam, I am sorry about the wait. Could you give me the order number?';
      await agent.locator('#reply-text').fill(reply);
      await agent.getByRole('button', { name: 'Send reply' }).click();
      // Shown as Dana: her initials in the avatar and her name by the time.
      await widgetShows(customer, reply);
      const sender = customer
        .locator('.webchat__basic-transcript__activity', { hasText: reply })
        .locator('.answerdesk-agent-avatar, .answerdesk-agent-name');
      expect(await sender.allTextContents()).toEqual(['D', 'Dana']);
      const conversationId = await customer.evaluate(
        () =>
          (JSON.parse(sessionStorage.getItem('answerdesk.widget.session') ?? '{}') as { conversationId: string })
            .conversationId,
      );
      const { activities } = await server.app.directLine.service.activitiesAfter(conversationId, 0);
      expect(activities.find((a) => a.text === reply)?.from).toMatchObject({ name: 'Dana' });
      await expect
        .poll(() => transcript.locator('.message.from-agent .author').last().textContent(), WAIT)
        .toBe('Dana (you)');

      // The customer answers; the agent sees it without doing anything. Hostile text stays text.
      await sendInWidget(customer, 'It is NW-123456, thanks');
      await transcript.getByText('It is NW-123456, thanks').waitFor(WAIT);
      await sendInWidget(customer, ATTACK);
      await expect
        .poll(() => transcript.locator('.message.from-customer .text').last().textContent(), WAIT)
        .toBe(ATTACK);
      await agent.waitForTimeout(500); // give any injected handler the chance to fire
      expect(await agent.locator('img').count()).toBe(0);

      // An internal note and a priority change.
      await agent
        .locator('#note-text')
        .fill('Carrier says: delivered to the neighbour at no. 12. Offer a reship if not found.');
      await agent.getByRole('button', { name: 'Add note' }).click();
      await agent.locator('#events .event.note').getByText('delivered to the neighbour').waitFor(WAIT);
      await agent.locator('#priority').selectOption('high');
      await expect.poll(() => agent.locator('#ticket-facts .badge-priority-high').count(), WAIT).toBe(1);
      if (process.env.SAVE_SCREENSHOTS === '1') await agent.screenshot({ path: TICKET_SCREENSHOT });

      // Solve: the bot takes the chat back and asks for a rating; the customer taps 5.
      await agent.getByRole('button', { name: 'Solve' }).click();
      await expect.poll(() => agent.locator('#ticket-facts .badge-status-solved').count(), WAIT).toBe(1);
      await widgetShows(customer, 'How would you rate the help you got');
      const five = customer.locator('.webchat__suggested-action', { hasText: /^5$/ });
      await five.first().waitFor(WAIT);
      await five.first().click();
      await widgetShows(customer, /Anything you.d like to tell us about it\?/);
      await sendInWidget(customer, 'skip');
      await widgetShows(customer, 'Thanks for your feedback');
      const stored = await server.app.db
        .selectFrom('tickets')
        .select(['csat_rating', 'status', 'assignee_id'])
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ csat_rating: 5, status: 'solved', assignee_id: dana.id });
      await expect.poll(() => agent.locator('#ticket-facts .csat').textContent(), WAIT).toBe(' · rated 5/5');
      await expect.poll(() => agent.locator(`tr[data-ref="${reference}"]`).count(), WAIT).toBe(0);

      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(customerSeen.dialogs).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    "opens the ticket named in the URL and, when another agent's claim got there first, says so and reloads instead of overwriting",
    async () => {
      const { reference } = await escalateSeeded({
        conversationId: 'race',
        name: 'Jo Park',
        messages: ['My discount code does not work'],
        priority: 'high',
        category: 'promotions',
        comparative: -0.2,
      });
      const { page, seen } = await openConsole(dana.token, `#${reference}`);
      await expect.poll(() => page.locator('#ticket-title .ref').textContent(), WAIT).toBe(reference);

      // Bo claims the ticket between Dana's read and her claim reaching the server.
      const patches: string[] = [];
      await page.route(`**/api/agent/tickets/${reference}`, async (route) => {
        if (route.request().method() === 'PATCH') {
          patches.push(route.request().postData() ?? '');
          if (patches.length === 1) {
            const current = (await server.app.ticketQueries.get(reference)).ticket;
            await server.app.tickets.update(reference, { version: current.version, assigneeId: bo.id }, bo.id);
          }
        }
        await route.continue();
      });
      await page.getByRole('button', { name: 'Claim' }).click();

      const banner = page.locator('#ticket-message');
      await banner.waitFor(WAIT);
      expect(await banner.textContent()).toBe(
        `Could not claim the ticket: ${reference} was changed by someone else in the meantime, so nothing was overwritten. ` +
          'It is now assigned to Bo, status open, priority high. The ticket has been reloaded: check it and try again if still needed.',
      );
      expect(await page.locator('#ticket-facts .assigned').textContent()).toBe('Assigned to Bo');
      expect(await page.getByRole('button', { name: 'Take over from Bo' }).isVisible()).toBe(true);
      expect(patches).toEqual([JSON.stringify({ version: 1, assignee: 'me' })]);
      const stored = await server.app.db
        .selectFrom('tickets')
        .select(['assignee_id', 'version'])
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ assignee_id: bo.id, version: 2 });
      expect(seen.dialogs).toEqual([]);
      // Chromium logs every non-2xx response; the 409 is the expected one.
      expect(seen.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows hostile names, subjects and notes as text, keeps the token out of localStorage and forgets it on sign-out',
    async () => {
      const hostile = await escalateSeeded({
        conversationId: 'hostile',
        name: '<img src=x onerror=alert("name")>',
        messages: ['<script>alert("subject")</script>', ATTACK],
        priority: 'urgent',
        category: '<b onmouseover=alert(3)>x</b>',
        comparative: -1,
      });
      await server.app.tickets.addNote(hostile.reference, bo.id, '<svg onload=alert("note")>');
      const { page, seen } = await openConsole(dana.token);
      const row = page.locator(`tr[data-ref="${hostile.reference}"]`);
      await row.waitFor(WAIT);
      expect(await row.locator('td.customer .customer-name').textContent()).toBe('<img src=x onerror=alert("name")>');
      // Nothing else in the cell but the health chip's own text.
      expect(await row.locator('td.customer').textContent()).toMatch(
        /^(At risk|Watch|Healthy) · \d+<img src=x onerror=alert\("name"\)>$/,
      );
      expect(await row.locator('td.subject').textContent()).toBe('<script>alert("subject")</script>');
      await row.click();
      await page.locator('#events .event.note .text').waitFor(WAIT);
      expect(await page.locator('#events .event.note .text').textContent()).toBe('<svg onload=alert("note")>');
      expect(await page.locator('#transcript .text').allTextContents()).toEqual([
        '<script>alert("subject")</script>',
        ATTACK,
      ]);
      await row.hover();
      await page.waitForTimeout(300);
      expect(await page.locator('img, svg, b, #ticket script, #queue script').count()).toBe(0);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('#sign-in-form').waitFor(WAIT);
      expect(
        await page.evaluate(() => [sessionStorage.getItem('answerdesk.agent.token'), localStorage.length]),
      ).toEqual([null, 0]);
      expect(await page.locator('#queue-rows tr').count()).toBe(0);
      await page.reload();
      await page.locator('#sign-in-form').waitFor(WAIT);
      expect(await page.locator('#console').isHidden()).toBe(true);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "runs as ES modules from this server under the page's policy, which refuses HTML sinks and inline script",
    async () => {
      const { page, seen } = await openConsole(dana.token);
      const scripts = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name))
          .filter((u) => u.pathname.endsWith('.js'))
          .map((u) => `${u.origin}${u.pathname}`),
      );
      const modules = fs.readdirSync(ASSETS_DIR).filter((name) => name.endsWith('.js'));
      expect(scripts.sort()).toEqual(modules.map((name) => `${server.url}/agent/assets/${name}`).sort());
      expect(seen.errors).toEqual([]);

      // Trusted Types with no policy: the browser itself throws on an HTML sink.
      const sink = await page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<b id="injected">x</b>');
          return 'written';
        } catch (error) {
          return error instanceof TypeError ? 'refused' : String(error);
        }
      });
      expect(sink).toBe('refused');
      // No inline script runs, module or classic.
      await page.evaluate(() => {
        for (const type of ['module', 'text/javascript']) {
          const script = document.createElement('script');
          script.type = type;
          // A text node, not a `textContent` assignment (that sink throws under Trusted Types already).
          script.append(document.createTextNode('document.body.dataset.inline = "ran"'));
          document.head.append(script);
        }
      });
      await page.waitForTimeout(300);
      expect(
        await page.evaluate(() => [document.body.dataset.inline ?? null, document.getElementById('injected')]),
      ).toEqual([null, null]);
      // Chromium says why: the two refusals and nothing else.
      expect(
        seen.errors.filter(
          (e) => !/requires 'Trusted(HTML|Script)' assignment|CSP violation: require-trusted-types-for/.test(e),
        ),
      ).toEqual([]);
      expect(seen.errors).toEqual(
        expect.arrayContaining([
          expect.stringContaining("requires 'TrustedHTML' assignment"),
          expect.stringContaining("requires 'TrustedScript' assignment"),
        ]),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
