// Live handoff and the agent console at queue scale; writes bench/out/handoff.md and prints it.
//   node --import tsx bench/handoff.bench.ts [--quick] [--widget-only] [--baseline <ref>]
// (a) agent reply latency: POST /api/agent/tickets/:ref/replies -> the activity on the customer's
//     Direct Line WebSocket stream, over 100 replies (30 with --quick);
// (b) 1,000 open tickets: GET /api/agent/tickets at the API's default page size and the console's,
//     and the console's first render of the queue in Debian's chromium (playwright-core);
// (c) agent reply latency as the customer sees it: the agent's POST -> the text shown in Web Chat in
//     chromium, this checkout against a baseline commit (`--baseline <ref>`, default the commit
//     before the replyToId fix) in a temporary git worktree sharing node_modules, in the same run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance as clock } from 'node:perf_hooks';
import { type WidgetReplyTimes, widgetReplyLatencies } from './widget-reply-latency.ts';

// natural (through dotenv) prints tips on import unless told to be quiet; set before importing it.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { startApp } = await import('../test/helpers/running-app.ts');
const { directLine, openStream, startConversation } = await import('../test/helpers/directline.ts');
const { analyseMessage, seedConversation } = await import('../test/helpers/escalation-fixture.ts');
const { launchChromium } = await import('../test/helpers/chromium.ts');
const { AGENT_CONSOLE_DEFAULTS } = await import('../src/http/agent-console/agent-console.routes.ts');
const { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } = await import('../src/http/agent-api/agent-api.input.ts');

const quick = process.argv.includes('--quick');
// Only (c), the widget latency before and after (a few minutes instead of the whole bench).
const widgetOnly = process.argv.includes('--widget-only');
const REPLIES = quick ? 30 : 100;
const WARMUP_REPLIES = 5;
const OPEN_TICKETS = 1_000;
const LIST_ROUNDS = quick ? 20 : 50;
const RENDER_ROUNDS = quick ? 3 : 10;
const OUT_FILE = 'bench/out/handoff.md';
const WIDGET_REPLIES = quick ? 30 : 100;
// Each reply of the baseline is held up to 5 s by Web Chat, so it gets fewer (p99 is then the max).
const BASELINE_WIDGET_REPLIES = quick ? 5 : 12;
const WIDGET_WARMUP = 2;
/** The last commit before agent-originated activities stopped carrying a dangling replyToId. */
const BEFORE_REPLY_TO_FIX = '2b84e1f';
const baselineAt = process.argv.indexOf('--baseline');
const baselineRef = (baselineAt < 0 ? undefined : process.argv[baselineAt + 1]) ?? BEFORE_REPLY_TO_FIX;

const lines: string[] = [];
const out = (line = ''): void => void lines.push(line);
const ms = (x: number): string => x.toFixed(1);

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function summary(samples: readonly number[]): string {
  return `${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} | ${ms(Math.max(...samples))}`;
}

/** (a) and (b): the stream latency, the queue API and the console at 1,000 open tickets. */
async function queueSections(): Promise<void> {
  const server = await startApp();
  const base = server.url;
  const { token: agentToken } = await server.app.agents.create({ name: 'Bench Agent', email: 'bench@example.com' });

  async function agentApi(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { authorization: `Bearer ${agentToken}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}/api/agent${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  try {
    out('## Handoff bench');
    out();
    out(
      `Run ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the start. One server process, SQLite file, loopback HTTP.`,
    );
    out();

    // ------------------------------------------------------------------ (a) agent reply latency
    process.stderr.write('handoff bench: customer asks for a person over Direct Line…\n');
    const conversation = await startConversation(base, { id: 'dl_bench_customer', name: 'Bench Customer' });
    const stream = await openStream(conversation.streamUrl);
    const say = async (text: string): Promise<void> => {
      const res = await directLine(
        base,
        'POST',
        `/conversations/${conversation.conversationId}/activities`,
        conversation.token,
        {
          type: 'message',
          from: { id: 'dl_bench_customer' },
          text,
        },
      );
      if (res.status !== 200) throw new Error(`Direct Line post answered ${res.status}`);
    };
    for (const text of ['talk to a human', 'Bench Customer', 'bench.customer@example.com']) await say(text);
    const ticket = await server.app.ticketQueries.openTicketOf(conversation.conversationId);
    if (ticket === undefined) throw new Error('the handoff dialog did not open a ticket');
    const claimed = await agentApi('PATCH', `/tickets/${ticket.reference}`, {
      version: ticket.version,
      assignee: 'me',
    });
    if (claimed.status !== 200) throw new Error(`claim answered ${claimed.status}`);

    process.stderr.write(`handoff bench: ${REPLIES} agent replies into ${ticket.reference}…\n`);
    const toStream: number[] = [];
    const postAnswered: number[] = [];
    for (let i = 0; i < WARMUP_REPLIES + REPLIES; i += 1) {
      const text = `Reply ${i}: we are on it.`;
      const started = clock.now();
      const arrived = stream
        .waitFor((activities) => activities.some((a) => a.text === text), 10_000)
        .then(() => clock.now());
      const res = await agentApi('POST', `/tickets/${ticket.reference}/replies`, { text });
      const answered = clock.now();
      if (res.status !== 201) throw new Error(`reply ${i} answered ${res.status}: ${JSON.stringify(res.body)}`);
      const streamed = await arrived;
      if (i >= WARMUP_REPLIES) {
        toStream.push(streamed - started);
        postAnswered.push(answered - started);
      }
    }
    stream.close();
    const after = await server.app.ticketQueries.get(ticket.reference);
    const transcriptLength = after.transcript.length;
    // Solved, so that (b) counts exactly the seeded tickets.
    const solved = await agentApi('PATCH', `/tickets/${ticket.reference}`, {
      version: after.ticket.version,
      status: 'solved',
    });
    if (solved.status !== 200) throw new Error(`solve answered ${solved.status}`);

    out(
      `### Agent reply -> customer's WebSocket stream (${REPLIES} replies after ${WARMUP_REPLIES} warm-up, one at a time)`,
    );
    out();
    out('| measured from the POST | p50 ms | p99 ms | max ms |');
    out('|---|---|---|---|');
    out(`| activity arrives on the Direct Line stream | ${summary(toStream)} |`);
    out(`| POST /replies answers 201 | ${summary(postAnswered)} |`);
    out();
    out(
      `Each reply is a proactive turn through the CloudAdapter and the internal Connector endpoint, stored in the ` +
        `Direct Line transcript, pushed to the open stream, logged as a feedback record and as a ticket event. ` +
        `The conversation had ${transcriptLength} messages at the end.`,
    );
    out();

    // ------------------------------------------------------------------ (b) 1,000 open tickets
    process.stderr.write(`handoff bench: seeding ${OPEN_TICKETS} open tickets…\n`);
    const seedStarted = clock.now();
    const priorities = ['low', 'normal', 'normal', 'high', 'urgent'] as const;
    for (let i = 0; i < OPEN_TICKETS; i += 1) {
      const conversationId = `bench-${i}`;
      const at = new Date(Date.now() - (OPEN_TICKETS - i) * 60_000).toISOString();
      const { customerId, messageIds } = await seedConversation(server.app.db, {
        conversationId,
        name: `Customer ${i}`,
        messages: [`Question ${i} about my order`, 'still waiting for an answer'],
        at,
      });
      await analyseMessage(server.app.db, messageIds[1] ?? 0, { comparative: (i % 3) - 1 });
      await server.app.tickets.escalate({
        conversationId,
        customerId,
        reason: 'requested',
        priority: priorities[i % priorities.length] ?? 'normal',
        subject: `Question ${i} about my order`,
        category: ['delivery', 'billing', 'returns'][i % 3] ?? null,
      });
    }
    const seedSeconds = (clock.now() - seedStarted) / 1000;
    const openCount = Number(
      (
        await server.app.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'in', ['new', 'open', 'pending'])
          .executeTakeFirstOrThrow()
      ).n,
    );

    const listTimes = async (query: string): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < LIST_ROUNDS; i += 1) {
        const started = clock.now();
        const res = await agentApi('GET', `/tickets${query}`);
        if (res.status !== 200) throw new Error(`GET /tickets${query} answered ${res.status}`);
        times.push(clock.now() - started);
      }
      return times;
    };
    const consoleQuery = `?status=new,open,pending&limit=${AGENT_CONSOLE_DEFAULTS.pageSize}`;
    const rows: Array<[string, number[]]> = [
      [`first page, API default (${DEFAULT_PAGE_SIZE})`, await listTimes('')],
      [
        `first page, the console's query (${AGENT_CONSOLE_DEFAULTS.pageSize}, open statuses)`,
        await listTimes(`${consoleQuery}&offset=0`),
      ],
      [
        `last page, the console's query (offset ${OPEN_TICKETS - AGENT_CONSOLE_DEFAULTS.pageSize})`,
        await listTimes(`${consoleQuery}&offset=${OPEN_TICKETS - AGENT_CONSOLE_DEFAULTS.pageSize}`),
      ],
      [
        `first page, API maximum (${MAX_PAGE_SIZE})`,
        await listTimes(`?status=new,open,pending&limit=${MAX_PAGE_SIZE}`),
      ],
    ];

    out(
      `### ${openCount.toLocaleString('en-US')} open tickets (seeded in ${seedSeconds.toFixed(1)} s, 2 customer messages each, one analysed)`,
    );
    out();
    out(
      `GET /api/agent/tickets over loopback HTTP, ${LIST_ROUNDS} requests each, one at a time (one SQL statement for the page ` +
        `with its customers, assignees and latest sentiment, one for the count; with ${LIST_ROUNDS} samples, p99 is the slowest one):`,
    );
    out();
    out('| request | p50 ms | p99 ms | max ms |');
    out('|---|---|---|---|');
    for (const [name, times] of rows) out(`| ${name} | ${summary(times)} |`);
    out();

    // ------------------------------------------------------------------ the console in chromium
    process.stderr.write('handoff bench: the console in chromium…\n');
    const browser = await launchChromium();
    try {
      const renders: Array<{
        rendered: number;
        domContentLoaded: number;
        me: number;
        tickets: number;
        rows: number;
        count: string;
      }> = [];
      for (let i = 0; i < RENDER_ROUNDS; i += 1) {
        const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
        await context.addInitScript((token) => sessionStorage.setItem('answerdesk.agent.token', token), agentToken);
        const page = await context.newPage();
        await page.goto(`${base}/agent`);
        await page.locator('body[data-queue="ready"]').waitFor({ timeout: 30_000 });
        renders.push(
          await page.evaluate(() => {
            const mark = performance.getEntriesByName('answerdesk-queue-rendered')[0];
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
            // No named helper functions in here: tsx would wrap them in a __name() the page does not have.
            const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
            const me = resources.find((e) => new URL(e.name).pathname === '/api/agent/me');
            const tickets = resources.find((e) => new URL(e.name).pathname === '/api/agent/tickets');
            return {
              rendered: mark?.startTime ?? NaN,
              domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
              me: me?.responseEnd ?? NaN,
              tickets: tickets?.responseEnd ?? NaN,
              rows: document.querySelectorAll('#queue-rows tr').length,
              count: document.getElementById('queue-count')?.textContent ?? '',
            };
          }),
        );
        await context.close();
      }
      const first = renders[0];
      out(
        `The console (\`/agent\`, signed in, page size ${AGENT_CONSOLE_DEFAULTS.pageSize}, polling every ${AGENT_CONSOLE_DEFAULTS.pollMs / 1000} s) ` +
          `in headless chromium, ${RENDER_ROUNDS} fresh loads; time from navigation start (the first load has a cold browser cache):`,
      );
      out();
      out('| measured from navigation start | first load ms | p50 ms | max ms |');
      out('|---|---|---|---|');
      const row = (name: string, pick: (r: (typeof renders)[number]) => number): void => {
        const times = renders.map(pick);
        out(
          `| ${name} | ${ms(first === undefined ? NaN : pick(first))} | ${ms(percentile(times, 50))} | ${ms(Math.max(...times))} |`,
        );
      };
      row('DOMContentLoaded (page, script and stylesheet loaded)', (r) => r.domContentLoaded);
      row('GET /api/agent/me answered (token check)', (r) => r.me);
      row('GET /api/agent/tickets answered', (r) => r.tickets);
      row(`**queue rendered** (${first?.rows ?? 0} rows in the DOM)`, (r) => r.rendered);
      row('of which: building the rows after the response', (r) => r.rendered - r.tickets);
      out();
      out(
        `The queue header read "${first?.count ?? ''}"; the rest is one page away (Previous / Next), so the page stays the same size however long the queue.`,
      );
      out();
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

if (!widgetOnly) await queueSections();
else
  out(
    `## Handoff bench (--widget-only)\n\nRun ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the start.\n`,
  );

// ------------------------------------------------------------------ (c) agent reply shown in Web Chat
{
  type StartApp = typeof startApp;
  const root = path.resolve(import.meta.dirname, '..');
  const baselineTree = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-handoff-baseline-'));
  fs.rmSync(baselineTree, { recursive: true });
  const baselineCommit = execFileSync('git', ['rev-parse', '--short', baselineRef], { cwd: root }).toString().trim();
  const currentCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  execFileSync('git', ['worktree', 'add', '--detach', baselineTree, baselineRef], { cwd: root, stdio: 'ignore' });
  const browser = await launchChromium();
  try {
    fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(baselineTree, 'node_modules'));
    const baselineStart = (
      (await import(path.join(baselineTree, 'test/helpers/running-app.ts'))) as { startApp: StartApp }
    ).startApp;
    const measure = async (start: StartApp, replies: number): Promise<WidgetReplyTimes> => {
      const app = await start({ HANDOFF_TIMEOUT_SECONDS: '3600' });
      try {
        const { token } = await app.app.agents.create({ name: 'Jane Doe', email: 'jane@example.com' });
        return await widgetReplyLatencies(browser, app.url, token, replies, WIDGET_WARMUP);
      } finally {
        await app.stop();
      }
    };
    process.stderr.write(`handoff bench: ${WIDGET_REPLIES} replies shown in Web Chat (current)…\n`);
    const current = await measure(startApp, WIDGET_REPLIES);
    process.stderr.write(`handoff bench: ${BASELINE_WIDGET_REPLIES} replies shown in Web Chat (${baselineCommit})…\n`);
    const baseline = await measure(baselineStart, BASELINE_WIDGET_REPLIES);
    out("### Agent reply -> shown in the customer's Web Chat (chromium), before and after, same run");
    out();
    out(
      `The customer asks for a person in the widget (\`/widget\`, Web Chat over the WebSocket stream), the agent claims, ` +
        `then posts replies one at a time (${WIDGET_WARMUP} warm-up each). Measured from just before the POST to the ` +
        "animation frame after the text entered the transcript's DOM (a MutationObserver in the page; one machine, one clock). " +
        `current = ${currentCommit}${gitDirty(root) ? ' plus uncommitted changes' : ''}, before = ${baselineCommit} ` +
        "(every agent-originated activity replied to a proactive turn's own event id, which Web Chat waits up to 5 s for). " +
        'Target: p99 under 300 ms.',
    );
    out();
    out('| checkout | replies | measured from the POST to | p50 ms | p99 ms | max ms |');
    out('|---|---|---|---|---|---|');
    for (const [name, times] of [
      [`current (${currentCommit})`, current],
      [`before (${baselineCommit})`, baseline],
    ] as const) {
      out(`| ${name} | ${times.shown.length} | the frame on the page's WebSocket | ${summary(times.frame)} |`);
      out(`| ${name} | ${times.shown.length} | **the text shown in Web Chat** | ${summary(times.shown)} |`);
    }
    out();
  } finally {
    await browser.close();
    execFileSync('git', ['worktree', 'remove', '--force', baselineTree], { cwd: root, stdio: 'ignore' });
  }
}

function gitDirty(root: string): boolean {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root }).toString().trim() !== '';
}

const markdown = `${lines.join('\n')}\n`;
await mkdir('bench/out', { recursive: true });
await writeFile(OUT_FILE, markdown);
process.stdout.write(markdown);
