// Agent reply latency as the customer sees it, for bench/handoff.bench.ts: from the agent's POST
// to the text in Web Chat's transcript, in a real browser, against any running answerdesk server.
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';

const WAIT_MS = 30_000;

/** When the page first showed each watched text: epoch milliseconds (performance.timeOrigin-based). */
declare global {
  interface Window {
    __shownAt?: Record<string, number>;
  }
}

/** Epoch milliseconds on the same clock as the page's `performance.timeOrigin + performance.now()`. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

async function waitForText(page: Page, text: string | RegExp): Promise<void> {
  const source = typeof text === 'string' ? text : text.source;
  await page.waitForFunction(
    ([pattern, literal]) => {
      const shown = document.querySelector('.webchat__basic-transcript')?.textContent ?? '';
      return literal ? shown.includes(pattern) : new RegExp(pattern).test(shown);
    },
    [source, typeof text === 'string'] as const,
    { timeout: WAIT_MS },
  );
}

async function agentPost(base: string, token: string, path: string, method: string, body: unknown): Promise<number> {
  const res = await fetch(`${base}/api/agent${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Per reply, milliseconds from just before the POST: the frame on the page's WebSocket, and the text shown. */
export interface WidgetReplyTimes {
  readonly frame: number[];
  readonly shown: number[];
}

/**
 * Opens the widget on `base`, asks for a person, lets the agent (`agentToken`) claim the ticket,
 * then posts `warmup + replies` agent replies one at a time and returns, for the last `replies`,
 * the milliseconds from just before each POST to the frame reaching the page's WebSocket and to
 * the moment the page's DOM showed the text (a MutationObserver in the page stamps it, then the
 * next animation frame, i.e. when it is painted).
 */
export async function widgetReplyLatencies(
  browser: Browser,
  base: string,
  agentToken: string,
  replies: number,
  warmup: number,
): Promise<WidgetReplyTimes> {
  const context = await browser.newContext({ viewport: { width: 900, height: 760 } });
  try {
    const page = await context.newPage();
    // When the page's Direct Line WebSocket received each reply (seen from here, through the DevTools protocol).
    const frameAt = new Map<string, number>();
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        const text = typeof payload === 'string' ? payload : payload.toString('utf8');
        for (const match of text.matchAll(/Bench reply (\d+)\./g)) {
          const key = match[1] ?? '';
          if (!frameAt.has(key)) frameAt.set(key, now());
        }
      });
    });
    await page.goto(`${base}/widget`);
    await page.locator('#answerdesk-chat[data-connection="online"]').waitFor({ timeout: WAIT_MS });
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    for (const [text, answer] of [
      ['talk to a human', /What name should they use/],
      ['Bench Browser', /email/],
      ['skip', /T-\d+/],
    ] as const) {
      await box.fill(text);
      await box.press('Enter');
      await waitForText(page, answer);
    }
    const transcript = (await page.locator('.webchat__basic-transcript').textContent()) ?? '';
    const reference = /T-\d+/.exec(transcript)?.[0];
    if (reference === undefined) throw new Error('the widget showed no ticket reference');
    const listed = await fetch(`${base}/api/agent/tickets/${reference}`, {
      headers: { authorization: `Bearer ${agentToken}` },
    });
    const { ticket } = (await listed.json()) as { ticket: { version: number } };
    const claimed = await agentPost(base, agentToken, `/tickets/${reference}`, 'PATCH', {
      version: ticket.version,
      assignee: 'me',
    });
    if (claimed !== 200) throw new Error(`claim answered ${claimed}`);
    await waitForText(page, 'has joined');

    await page.evaluate(() => {
      window.__shownAt = {};
      const shownAt = window.__shownAt;
      const root = document.querySelector('.webchat__basic-transcript') ?? document.body;
      new MutationObserver(() => {
        const text = root.textContent ?? '';
        for (const match of text.matchAll(/Bench reply (\d+)\./g)) {
          const key = match[1] ?? '';
          if (shownAt[key] === undefined) {
            shownAt[key] = 0;
            requestAnimationFrame(() => {
              shownAt[key] = performance.timeOrigin + performance.now();
            });
          }
        }
      }).observe(root, { childList: true, subtree: true, characterData: true });
    });

    const times = { frame: [] as number[], shown: [] as number[] };
    for (let i = 0; i < warmup + replies; i += 1) {
      const posted = now();
      const status = await agentPost(base, agentToken, `/tickets/${reference}/replies`, 'POST', {
        text: `Bench reply ${i}. We are on it.`,
      });
      if (status !== 201) throw new Error(`reply ${i} answered ${status}`);
      await page.waitForFunction((key) => (window.__shownAt?.[key] ?? 0) > 0, String(i), { timeout: WAIT_MS });
      const shown = await page.evaluate((key) => window.__shownAt?.[key] ?? Number.NaN, String(i));
      if (i >= warmup) {
        times.shown.push(shown - posted);
        times.frame.push((frameAt.get(String(i)) ?? Number.NaN) - posted);
      }
    }
    return times;
  } finally {
    await context.close();
  }
}
