/**
 * Refreshes the README's screenshots of the admin overview and a customer profile
 * (docs/screenshots/admin-overview-1024.png, customer-profile-1024.png) from a realistic day:
 * the real app on a temporary SQLite file with the sample shop's knowledge (`knowledge/`),
 * customers chatting over the real Direct Line protocol, agents working the handoffs through the
 * agent API, then Debian's chromium at 1024 px.
 *
 *   node --import tsx scripts/readme-screenshots.ts
 *
 * Everything happens today (the Direct Line server stamps each message with its own clock), so the
 * overview shows one busy day; the agents wait for real before replying, so a run takes about six minutes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config/config.ts';
import { createApp } from '../src/index.ts';
import { createLogger } from '../src/logging/logger.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { directLine, openStream, type StreamClient, type WireActivity } from '../test/helpers/directline.ts';
import { type AgentWork, type Customer, conversations, people } from './readme-screenshots.conversations.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'docs/screenshots');
const SECRET = 'readme-screenshots-directline-secret-0123456789';
const WAIT_MS = 20_000;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-screenshots-'));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dir, 'shop.sqlite')}`,
      LOG_LEVEL: 'warn',
      KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
      KNOWLEDGE_CACHE_DIR: path.join(os.tmpdir(), 'answerdesk-screenshots-cache'),
      DIRECTLINE_SECRET: SECRET,
      HANDOFF_TIMEOUT_SECONDS: '3600',
    },
    ROOT,
  );
  const app = await createApp(config, createLogger(config.logLevel));
  const server = await app.start();
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const { token: adminToken } = await app.agents.create({
      name: 'Ada Park',
      email: 'ada@shop.example',
      role: 'admin',
    });
    const agentTokens = [
      await app.agents.create({ name: 'Ben Ortiz', email: 'ben@shop.example', role: 'agent' }),
      await app.agents.create({ name: 'Chloe Nguyen', email: 'chloe@shop.example', role: 'agent' }),
    ].map((a) => a.token);
    const working: Array<Promise<void>> = [];
    for (const [i, plan] of conversations.entries()) {
      const who = people[plan.who] as Customer;
      const chat = await Chat.open(base, who);
      let reference: string | undefined;
      for (const step of plan.steps) {
        if ('say' in step) await chat.say(step.say);
        else if ('vote' in step) await chat.vote(step.vote);
        else reference = await chat.finishHandoff();
      }
      console.log(
        `conversation ${i + 1}/${conversations.length}: ${who.name}${reference === undefined ? '' : `, ${reference}`}`,
      );
      if (reference !== undefined && plan.agent !== undefined) {
        const agentToken = agentTokens[working.length % agentTokens.length] as string;
        working.push(workTicket(base, agentToken, reference, plan.agent, chat).finally(() => chat.close()));
      } else chat.close();
    }
    console.log('agents at work (real waits, a few minutes)...');
    await Promise.all(working);
    await screenshots(base, adminToken);
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An agent claims the ticket and replies, then solves it, at the plan's times; the customer rates it. */
async function workTicket(base: string, token: string, reference: string, work: AgentWork, chat: Chat): Promise<void> {
  const agent = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}/api/agent${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { ticket?: { version: number; createdAt: string } };
    if (!res.ok) throw new Error(`agent ${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const ticket = async () => {
    const found = (await agent('GET', `/tickets/${reference}`)).ticket;
    if (found === undefined) throw new Error(`agent: no ticket ${reference}`);
    return found;
  };
  const opened = Date.parse((await ticket()).createdAt);
  const until = (seconds: number) => sleep(Math.max(0, opened + seconds * 1000 - Date.now()));
  await until(work.replyAfter);
  await agent('PATCH', `/tickets/${reference}`, { version: (await ticket()).version, assignee: 'me' });
  await agent('POST', `/tickets/${reference}/replies`, { text: work.reply });
  await chat.waitForText(work.reply);
  await until(work.solveAfter);
  await agent('PATCH', `/tickets/${reference}`, { version: (await ticket()).version, status: 'solved' });
  await chat.waitForText('How would you rate');
  if (work.rate !== undefined) {
    await chat.say(work.rate[0], 'Anything you');
    await chat.say(work.rate[1], 'Thanks for your feedback');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One customer's conversation over Direct Line, as the widget holds it. */
class Chat {
  private constructor(
    private readonly base: string,
    private readonly who: Customer,
    private readonly token: string,
    private readonly id: string,
    private readonly stream: StreamClient,
  ) {}

  /** A bound conversation: the site's server asks for the token with the Direct Line secret. */
  static async open(base: string, who: Customer): Promise<Chat> {
    const res = await fetch(`${base}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: who.id, name: who.name } }),
    });
    if (!res.ok) throw new Error(`generate: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    const started = await directLine(base, 'POST', '/conversations', token);
    const { conversationId, streamUrl } = started.body as { conversationId: string; streamUrl: string };
    const stream = await openStream(streamUrl);
    return new Chat(base, who, token, conversationId, stream);
  }

  private botMessages(): WireActivity[] {
    return this.stream.activities().filter((a) => a.type === 'message' && a.from.id !== this.who.id);
  }

  /** Sends `text` (and a button's `value`) and waits until the bot has answered, or its reply contains `expect`. */
  async say(text: string, expect?: string, value?: unknown): Promise<void> {
    const before = this.botMessages().length;
    const res = await directLine(this.base, 'POST', `/conversations/${this.id}/activities`, this.token, {
      type: 'message',
      from: { id: this.who.id, name: this.who.name },
      text,
      ...(value === undefined ? {} : { value }),
    });
    if (res.status !== 200) throw new Error(`send "${text}": ${res.status} ${JSON.stringify(res.body)}`);
    if (expect !== undefined) return this.waitForText(expect);
    await this.stream.waitFor(() => this.botMessages().length > before, WAIT_MS);
    // The bot's answer can come in a few activities (answer, then "Did this help?").
    await sleep(250);
  }

  /** Clicks the button titled `title` of the bot's latest offer. */
  async click(title: string): Promise<void> {
    const actions = this.offered();
    const action = actions.find((a) => a.title === title);
    if (action === undefined) throw new Error(`${this.who.name}: no "${title}" button in ${JSON.stringify(actions)}`);
    await this.say(title, undefined, action.value);
  }

  /** Votes on the latest answer; when the bot asked "did you mean" instead, picks its first guess first. */
  async vote(answer: 'Yes' | 'No'): Promise<void> {
    const titles = this.offered().map((a) => a.title);
    if (!titles.includes(answer) && titles[0] !== undefined) await this.click(titles[0]);
    await this.click(answer);
  }

  private offered(): Array<{ title: string; value: unknown }> {
    const offer = this.botMessages()
      .reverse()
      .find((a) => (a.suggestedActions as { actions?: unknown[] } | undefined)?.actions?.length);
    return (
      (offer?.suggestedActions as { actions: Array<{ title: string; value: unknown }> } | undefined)?.actions ?? []
    );
  }

  async waitForText(part: string): Promise<void> {
    await this.stream.waitFor(() => this.botMessages().some((a) => (a.text ?? '').includes(part)), WAIT_MS);
  }

  /** Asks for a person (if the bot has not offered yet) and answers the prompts until a ticket exists. */
  async finishHandoff(): Promise<string> {
    for (let step = 0; step < 6; step += 1) {
      const texts = this.botMessages().map((a) => a.text ?? '');
      const reference = texts.join(' ').match(/T-\d+/)?.[0];
      if (reference !== undefined) return reference;
      const last = texts.at(-1) ?? '';
      if (/name should they use/i.test(last)) await this.say(this.who.name);
      else if (/email address/i.test(last)) await this.say(this.who.email);
      else if (/person|human|someone|team/i.test(last) && /\?|\(1\)/.test(last)) await this.say('yes');
      else await this.say('talk to a human');
    }
    throw new Error(
      `${this.who.name}: no ticket; the bot said ${JSON.stringify(this.botMessages().map((a) => a.text))}`,
    );
  }

  close(): void {
    this.stream.close();
  }
}

/** Signs in as the admin and saves the overview and the least healthy customer's profile at 1024 px. */
async function screenshots(base: string, adminToken: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${base}/admin#overview`);
    await page.locator('#token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('body[data-overview="ready"]').waitFor({ timeout: WAIT_MS });
    // The last seven days, so the chart shows a week rather than a month.
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await page.locator('#overview-from').fill(day(6));
    await page.locator('#overview-to').fill(day(0));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('body[data-overview="ready"]').waitFor({ timeout: WAIT_MS });
    await page.waitForTimeout(1000);
    fs.mkdirSync(SHOTS, { recursive: true });
    await screenshotWhole(page, 'admin-overview-1024.png');

    await page.goto(`${base}/admin#customers`);
    await page.locator('#customers-rows .customer-name a').first().waitFor({ timeout: WAIT_MS });
    // The list is worst first: the profile of the customer the account team would look at first.
    await page.locator('#customers-rows .customer-name a').first().click();
    await page.locator('#customer-reasons li, .profile-part').first().waitFor({ timeout: WAIT_MS });
    await page.waitForTimeout(500);
    await screenshotWhole(page, 'customer-profile-1024.png');
    await context.close();
  } finally {
    await browser.close();
  }
}

/** The panel scrolls inside the page (not the window): make the window as tall as the panel to show all of it. */
async function screenshotWhole(page: Page, file: string): Promise<void> {
  const height = await page.evaluate(() => (document.querySelector('main')?.scrollHeight ?? 800) + 60);
  await page.setViewportSize({ width: 1024, height: Math.max(800, height) });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(SHOTS, file) });
  await page.setViewportSize({ width: 1024, height: 800 });
}

await main();
