import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePages, launchChromium, openPage, type PageWatch, signInAt } from '../helpers/chromium.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { sendInWidget } from '../helpers/widget-page.ts';

const SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/widget-agent.png');
const TEST_TIMEOUT_MS = 120_000;
const HOOK_TIMEOUT_MS = 60_000;
const WAIT = { timeout: 30_000 } as const;
/**
 * Web Chat holds a reply to an activity it has not got for 5 s; a reply that replies to nothing
 * shows within a frame or two. 2 s leaves room for a busy machine and still fails on the hold.
 */
const SHOWN_WITHIN_MS = 2_000;

/** True once the widget's transcript contains `text`. Runs in the page. */
function transcriptHas(text: string): boolean {
  return (document.querySelector('.webchat__basic-transcript')?.textContent ?? '').includes(text);
}

/** The avatar label, initials and name shown with the transcript item that says `text`. Runs in the page. */
function senderOf(text: string): { label: string | null; initials: string | null; name: string | null } {
  const item = Array.from(document.querySelectorAll('.webchat__basic-transcript__activity')).find((a) =>
    (a.textContent ?? '').includes(text),
  );
  const avatar = item?.querySelector('.answerdesk-agent-avatar') ?? null;
  return {
    label: avatar?.getAttribute('aria-label') ?? null,
    initials: avatar?.textContent ?? item?.querySelector('.webchat__initialsAvatar__initials')?.textContent ?? null,
    name: item?.querySelector('.answerdesk-agent-name')?.textContent ?? null,
  };
}

/**
 * An agent's live chat as the customer sees it in the real widget: replies shown at once (not held
 * back by Web Chat's wait for the activity they reply to), as the person who wrote them, and a
 * typing indicator while the agent types in the console.
 */
describe('agent in the live chat, in a real browser', () => {
  let browser: Browser;
  let server: RunningApp;
  let jane: { id: number; token: string };

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startApp({ HANDOFF_TIMEOUT_SECONDS: '3600' });
    const created = await server.app.agents.create({ name: 'Jane Doe', email: 'jane@example.com' });
    jane = { id: created.agent.id, token: created.token };
  }, HOOK_TIMEOUT_MS);
  afterEach(() => closePages(browser));
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const newPage = (width: number) => openPage(browser, { viewport: { width, height: 800 } });

  async function agentApi(method: string, path: string, body?: unknown): Promise<number> {
    const res = await fetch(`${server.url}/api/agent${path}`, {
      method,
      headers: { authorization: `Bearer ${jane.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  }

  /** A customer in the widget who asked for a person; Jane has claimed the ticket. */
  async function handedOffCustomer(name: string): Promise<{ customer: Page; seen: PageWatch; reference: string }> {
    const { page: customer, seen } = await newPage(900);
    await customer.goto(`${server.url}/widget`);
    // Each answer only once the bot has asked for it.
    for (const [text, asked] of [
      ['talk to a human', 'What name should they use'],
      [name, 'which email address'],
    ] as const) {
      await sendInWidget(customer, text);
      await customer.waitForFunction(transcriptHas, asked, WAIT);
    }
    await sendInWidget(customer, 'skip');
    await customer.waitForFunction(() => /T-\d+/.test(document.body.textContent ?? ''), undefined, WAIT);
    const reference = /(T-\d+)/.exec((await customer.locator('.webchat__basic-transcript').textContent()) ?? '')?.[1];
    if (reference === undefined) throw new Error('the widget showed no ticket reference');
    const { version } = await server.app.ticketQueries.byReference(reference);
    expect(await agentApi('PATCH', `/tickets/${reference}`, { version, assignee: 'me' })).toBe(200);
    await customer.waitForFunction(transcriptHas, 'Jane Doe from our support team has joined', WAIT);
    return { customer, seen, reference };
  }

  it(
    "shows each agent reply within 2 s of the agent's post, as Jane (her initials and name), not as the bot",
    async () => {
      const { customer, seen, reference } = await handedOffCustomer('Casey Stone');
      const replies = [
        'Hi Casey, Jane here.',
        'I can see your order in our system.',
        'It left the warehouse this morning.',
        'You will get the tracking link by email.',
      ];
      for (const text of replies) {
        const posted = performance.now();
        const shown = customer.waitForFunction(transcriptHas, text, { timeout: 10_000, polling: 'raf' });
        expect(await agentApi('POST', `/tickets/${reference}/replies`, { text })).toBe(201);
        await shown;
        expect(performance.now() - posted, `"${text}" took too long to show`).toBeLessThan(SHOWN_WITHIN_MS);
      }
      // Her initials head the run of her messages; her name goes with the time, after the last one.
      expect(await customer.evaluate(senderOf, replies[0] ?? '')).toEqual({
        label: 'Jane Doe',
        initials: 'JD',
        name: null,
      });
      expect((await customer.evaluate(senderOf, replies.at(-1) ?? '')).name).toBe('Jane Doe');
      // The words are hers alone, and the bot's own messages keep the bot's initials.
      expect(await customer.locator('.webchat__basic-transcript').textContent()).not.toContain('Jane Doe: ');
      const bot = await customer.evaluate(senderOf, 'What name should they use');
      expect(bot.label).toBeNull();
      expect(bot.name).toBeNull();
      expect(seen.errors).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      if (process.env.SAVE_SCREENSHOTS === '1') await customer.screenshot({ path: SCREENSHOT });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows a typing indicator in the widget while the agent types in the console's reply box",
    async () => {
      const { customer, reference } = await handedOffCustomer('Robin Park');
      const { page: agent, seen } = await newPage(1600);
      await signInAt(agent, `${server.url}/agent#${reference}`, jane.token);
      // The ticket is shown (its transcript is there) before the agent starts typing.
      await agent.locator('#transcript').getByText('talk to a human').first().waitFor(WAIT);
      await expect.poll(() => agent.locator('#reply-text').isEnabled(), WAIT).toBe(true);
      const indicator = customer.locator('.webchat__typing-indicator');
      expect(await indicator.count()).toBe(0);

      await agent.locator('#reply-text').pressSequentially('Let me check', { delay: 30 });
      try {
        await indicator.first().waitFor({ state: 'visible', timeout: 10_000 });
      } catch (error) {
        const { activities } = await server.app.directLine.service.activitiesAfter(
          (await server.app.ticketQueries.byReference(reference)).conversationId,
          0,
        );
        throw new Error(
          `no typing indicator; typing activities: ${activities.filter((a) => a.type === 'typing').length}`,
          {
            cause: error,
          },
        );
      }
      // Throttled: a burst of keystrokes is one signal, not one per key.
      const { activities } = await server.app.directLine.service.activitiesAfter(
        (await server.app.ticketQueries.byReference(reference)).conversationId,
        0,
      );
      expect(activities.filter((a) => a.type === 'typing')).toHaveLength(1);
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
