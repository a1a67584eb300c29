/**
 * Direct Line turn benchmark: a sustained load of concurrent widget conversations against the full
 * answerdesk bot (matching, sentiment, complaints, dialogs, feedback records, SQLite) and, in the
 * same run on the same stack (express + our Direct Line + CloudAdapter + SQLite transcript), a bare
 * botbuilder echo bot. Each turn is one `POST /v3/directline/conversations/:id/activities`, which
 * answers after the bot's turn has run and its replies are stored.
 *
 * Each bot runs three times, back to back on fresh databases, once per DATABASE_SYNCHRONOUS mode:
 * `full` (every commit fsynced), `request` (commits not fsynced, one durable commit before each
 * answer; an acknowledged message survives power loss either way) and `normal` (survives a process
 * crash only), so the price of each guarantee is measured in the same run.
 *
 *   node --import tsx bench/directline.bench.ts [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../src/config/config.ts';
import { DirectLineRepository } from '../src/directline/directline.repository.ts';
import { openDirectLineService } from '../src/directline/open-directline-service.ts';
import { createHttpApp } from '../src/http/create-http-app.ts';
import { createDirectLineChannel } from '../src/http/directline/directline-channel.ts';
import { RateLimiter } from '../src/http/directline/generate-rate-limit.ts';
import { listen } from '../src/http/http-server.ts';
import { InFlight } from '../src/http/in-flight.ts';
import { createApp } from '../src/index.ts';
import { createLogger } from '../src/logging/logger.ts';
import { openDatabase } from '../src/store/database.ts';
import { Durability } from '../src/store/durability.ts';
import { SQLITE_SYNCHRONOUS_MODES, type SqliteSynchronous } from '../src/store/sqlite-synchronous.ts';
import { Transactor } from '../src/store/transactor.ts';
import { percentile } from './percentile.ts';

const quick = process.argv.includes('--quick');
/** `--only=echo|answerdesk[:full|request|normal]`: one bot (and mode) alone, e.g. under `node --cpu-prof`. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const CONVERSATIONS = quick ? 10 : 25;
const TURNS_PER_CONVERSATION = quick ? 10 : 30;
const root = path.resolve(import.meta.dirname, '..');

interface LoadResult {
  turns: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Runs CONVERSATIONS conversations at once, each sending TURNS_PER_CONVERSATION messages in a row. */
async function load(base: string, questions: string[]): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, c) => {
      const generated = (await (
        await fetch(`${base}/v3/directline/tokens/generate`, {
          method: 'POST',
          headers: { 'x-forwarded-for': `10.0.0.${c}` },
        })
      ).json()) as { token: string };
      const started = (await (await post(`${base}/v3/directline/conversations`, generated.token, {})).json()) as {
        conversationId: string;
        token: string;
      };
      for (let t = 0; t < TURNS_PER_CONVERSATION; t++) {
        const text = questions[(c * TURNS_PER_CONVERSATION + t) % questions.length] ?? 'hello';
        const t0 = performance.now();
        const res = await post(
          `${base}/v3/directline/conversations/${started.conversationId}/activities`,
          started.token,
          {
            type: 'message',
            from: { id: `bench-user-${c}` },
            text,
          },
        );
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { turns: latencies.length, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

function benchConfig(dir: string, name: string, synchronous: SqliteSynchronous) {
  return loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `file:${path.join(dir, `${name}-${synchronous}.sqlite`)}`,
      DATABASE_SYNCHRONOUS: synchronous,
    },
    root,
  );
}

async function answerdesk(dir: string, synchronous: SqliteSynchronous) {
  const config = benchConfig(dir, 'answerdesk', synchronous);
  const app = await createApp(config, createLogger('silent'));
  const server = await app.start();
  return { url: `http://127.0.0.1:${server.port}`, stop: () => app.stop() };
}

/** The same HTTP + Direct Line + adapter + SQLite stack with a bare echo bot and no middleware. */
async function echoBot(dir: string, synchronous: SqliteSynchronous) {
  const config = benchConfig(dir, 'echo', synchronous);
  const logger = createLogger('silent');
  const db = await openDatabase(config.databasePath, { synchronous: config.databaseSynchronous });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
    await next();
  });
  const inFlight = new InFlight();
  const durability = new Durability(db, config.databaseSynchronous);
  // Built as src/index.ts builds it: each turn (its reply and its bookkeeping) is one transaction.
  const transactor = new Transactor(db);
  const { service, events } = await openDirectLineService(new DirectLineRepository(transactor), {
    ...config.directLine,
    botAppId: config.bot.appId,
    botName: config.widget.botName,
  });
  const directLine = createDirectLineChannel({
    config,
    service,
    events,
    generateLimiter: new RateLimiter(),
    durability,
    adapter,
    logic: (context) => bot.run(context),
    transactor,
    inFlight,
    logger,
  });
  const app = createHttpApp([directLine.router], logger, durability);
  await directLine.start();
  const server = await listen(app, 0, '127.0.0.1');
  directLine.serve(server.server);
  return {
    url: server.url.replace('localhost', '127.0.0.1'),
    stop: async () => {
      directLine.closeStreams();
      await server.close();
      await db.destroy();
    },
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-bench-dl-'));
const questions = (
  parse(fs.readFileSync(path.join(root, 'bench/data/sample-heldout.csv')), { columns: true }) as Array<{ text: string }>
).map((r) => r.text);
const rows: Array<[string, SqliteSynchronous, LoadResult]> = [];
for (const [name, start, key] of [
  ['bare botbuilder echo bot', echoBot, 'echo'],
  ['answerdesk (full bot)', answerdesk, 'answerdesk'],
] as const) {
  for (const synchronous of SQLITE_SYNCHRONOUS_MODES) {
    if (only !== undefined && only !== key && only !== `${key}:${synchronous}`) continue;
    const server = await start(dir, synchronous);
    await load(server.url, questions.slice(0, 20)); // warm-up: JIT, SQLite pages, fuse indexes
    rows.push([name, synchronous, await load(server.url, questions)]);
    await server.stop();
  }
}
fs.rmSync(dir, { recursive: true, force: true });

const lines = [
  '## Direct Line turns under load',
  '',
  `${CONVERSATIONS} concurrent conversations × ${TURNS_PER_CONVERSATION} messages each (questions from bench/data/sample-heldout.csv), one process, SQLite file in WAL mode on ${os.tmpdir()}, clients over loopback HTTP (the bots' replies are stored in-process, one transaction per turn); both bots and all three \`DATABASE_SYNCHRONOUS\` modes measured in this run, back to back (\`full\`: every commit fsynced; \`request\`: commits not fsynced, one durable commit (one WAL fsync) before each answer; both: an acknowledged message survives power loss; \`normal\`: survives a process crash only).`,
  '',
  '| bot | synchronous | turns | turns/s | p50 ms | p99 ms | errors |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    ([name, synchronous, r]) =>
      `| ${name} | ${synchronous} | ${r.turns} | ${(r.turns / r.seconds).toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`,
  ),
  '',
];
const markdown = lines.join('\n');
fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/out/directline.md'), `${markdown}\n`);
process.stdout.write(`${markdown}\n`);
