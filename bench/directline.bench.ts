/**
 * Direct Line turn benchmark: concurrent widget conversations against the full answerdesk bot
 * (matching, sentiment, complaints, dialogs, feedback records, SQLite) and, in the same run on the
 * same stack (express + our Direct Line + CloudAdapter + SQLite transcript), a bare botbuilder echo
 * bot. Each turn is one `POST /v3/directline/conversations/:id/activities`, which answers after the
 * bot's turn has run and its replies are stored. The load is `directline-load.ts`:
 *
 * - saturation: each conversation posts again as soon as it is answered (throughput, turns/s and
 *   the ratio to the echo bot), once per DATABASE_SYNCHRONOUS mode: `full` (every commit fsynced),
 *   `request` (one durable WAL sync before each answer; an acknowledged message survives power loss
 *   either way) and `normal` (survives a process crash only);
 * - paced (`request` mode): each conversation waits a seeded think time of 0.5–2 s between its
 *   messages, as customers do; per-turn latency p50/p99 at that many concurrent conversations (the
 *   target's "p99 at most 100 ms at 25 conversations" is this, not saturation's queueing).
 *
 *   node --import tsx bench/directline.bench.ts [--quick] [--only=echo|answerdesk[:full|request|normal]]
 *     [--load=saturation|paced] [--tree=<another checkout>] [--json] [--sql-timing]
 *
 * `--sql-timing` also says where each row's SQL statements spent their time: SQLite's own time
 * (its profile hook) against the statement's round trip on the event loop (the call to its result:
 * the thread pool, then the wait for the event loop to take the result up), per statement kind.
 * It also says how long per turn SQLite's one connection was held (by lone statements and by each
 * size of transaction) and how busy the main thread was: the two limits on a row's turns/s.
 * The hooks cost a little: compare turns/s only between rows run without it.
 *
 * `--tree` builds the servers from another checkout's `src/` (a git worktree of an older commit,
 * node_modules linked), so a before/after runs from one script, one row per process (`--json`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { parse } from 'csv-parse/sync';
import { SQLITE_SYNCHRONOUS_MODES, type SqliteSynchronous } from '../src/store/sqlite-synchronous.ts';
import type { StatementTimings } from '../src/store/sqlite3-dialect.ts';
import { type LoadOptions, type LoadResult, runLoad } from './directline-load.ts';

const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const argument = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** `--only=echo|answerdesk[:full|request|normal]`: one bot (and mode) alone, e.g. under `node --cpu-prof`. */
const only = argument('only');
const loadKind = argument('load');
const root = path.resolve(import.meta.dirname, '..');
/** The checkout whose `src/` builds the servers (default: this one). */
const tree = path.resolve(argument('tree') ?? root);
const sqlTiming = process.argv.includes('--sql-timing');
const CONVERSATIONS = quick ? 10 : 25;
const SATURATION_TURNS = quick ? 10 : 30;
const PACED_TURNS = quick ? 8 : 20;
const PACING = { minMs: 500, maxMs: 2_000, seed: 19 } as const;

const modules = {
  config: (await import(path.join(tree, 'src/config/config.ts'))) as typeof import('../src/config/config.ts'),
  repository: (await import(
    path.join(tree, 'src/directline/directline.repository.ts')
  )) as typeof import('../src/directline/directline.repository.ts'),
  openService: (await import(
    path.join(tree, 'src/directline/open-directline-service.ts')
  )) as typeof import('../src/directline/open-directline-service.ts'),
  httpApp: (await import(
    path.join(tree, 'src/http/create-http-app.ts')
  )) as typeof import('../src/http/create-http-app.ts'),
  channel: (await import(
    path.join(tree, 'src/http/directline/directline-channel.ts')
  )) as typeof import('../src/http/directline/directline-channel.ts'),
  rateLimit: (await import(
    path.join(tree, 'src/http/directline/generate-rate-limit.ts')
  )) as typeof import('../src/http/directline/generate-rate-limit.ts'),
  httpServer: (await import(path.join(tree, 'src/http/http-server.ts'))) as typeof import('../src/http/http-server.ts'),
  inFlight: (await import(path.join(tree, 'src/http/in-flight.ts'))) as typeof import('../src/http/in-flight.ts'),
  app: (await import(path.join(tree, 'src/index.ts'))) as typeof import('../src/index.ts'),
  logger: (await import(path.join(tree, 'src/logging/logger.ts'))) as typeof import('../src/logging/logger.ts'),
  database: (await import(path.join(tree, 'src/store/database.ts'))) as typeof import('../src/store/database.ts'),
  durability: (await import(path.join(tree, 'src/store/durability.ts'))) as typeof import('../src/store/durability.ts'),
  transactor: (await import(path.join(tree, 'src/store/transactor.ts'))) as typeof import('../src/store/transactor.ts'),
};

function benchConfig(dir: string, name: string, synchronous: SqliteSynchronous) {
  return modules.config.loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `file:${path.join(dir, `${name}-${synchronous}.sqlite`)}`,
      DATABASE_SYNCHRONOUS: synchronous,
    },
    tree,
  );
}

/** Statement timings by kind (the SQL text's first words), reset after the warm-up. */
class SqlTimings implements StatementTimings {
  readonly kinds = new Map<string, { statements: number; sqliteMs: number; roundTripMs: number }>();
  /** The connection's holders by how many statements they ran (1: a lone statement). */
  readonly holders = new Map<number, { count: number; ms: number }>();
  /** The main thread's busy share over the measured window (`performance.eventLoopUtilization`). */
  loopUtilization = 0;

  held(ms: number, statements: number): void {
    const holder = this.holders.get(statements) ?? { count: 0, ms: 0 };
    holder.count += 1;
    holder.ms += ms;
    this.holders.set(statements, holder);
  }
  clear(): void {
    this.kinds.clear();
    this.holders.clear();
  }

  sqlite(sql: string, ms: number): void {
    this.#kind(sql).sqliteMs += ms;
  }
  roundTrip(sql: string, ms: number): void {
    const kind = this.#kind(sql);
    kind.statements += 1;
    kind.roundTripMs += ms;
  }
  #kind(sql: string) {
    const key = sql.replace(/\s+/g, ' ').slice(0, 70);
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      kind = { statements: 0, sqliteMs: 0, roundTripMs: 0 };
      this.kinds.set(key, kind);
    }
    return kind;
  }
}

async function answerdesk(dir: string, synchronous: SqliteSynchronous, timings?: SqlTimings) {
  const config = benchConfig(dir, 'answerdesk', synchronous);
  const app = await modules.app.createApp(config, modules.logger.createLogger('silent'), {
    statementTimings: timings,
  });
  const server = await app.start();
  return { url: `http://127.0.0.1:${server.port}`, stop: () => app.stop() };
}

/** The same HTTP + Direct Line + adapter + SQLite stack with a bare echo bot and no middleware. */
async function echoBot(dir: string, synchronous: SqliteSynchronous, timings?: SqlTimings) {
  const config = benchConfig(dir, 'echo', synchronous);
  const logger = modules.logger.createLogger('silent');
  const db = await modules.database.openDatabase(config.databasePath, {
    synchronous: config.databaseSynchronous,
    statementTimings: timings,
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
    await next();
  });
  const inFlight = new modules.inFlight.InFlight();
  const durability = new modules.durability.Durability(db, config.databaseSynchronous);
  // Built as src/index.ts builds it: each turn (its reply and its bookkeeping) is one transaction.
  const transactor = new modules.transactor.Transactor(db);
  const { service, events } = await modules.openService.openDirectLineService(
    new modules.repository.DirectLineRepository(transactor),
    {
      ...config.directLine,
      botAppId: config.bot.appId,
      botName: config.widget.botName,
    },
  );
  const directLine = modules.channel.createDirectLineChannel({
    config,
    service,
    events,
    generateLimiter: new modules.rateLimit.RateLimiter(),
    durability,
    adapter,
    logic: (context) => bot.run(context),
    transactor,
    inFlight,
    logger,
  });
  const app = modules.httpApp.createHttpApp([directLine.router], logger, durability);
  await directLine.start();
  const server = await modules.httpServer.listen(app, 0, '127.0.0.1');
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
type Load = 'saturation' | 'paced';
interface Row {
  readonly bot: string;
  readonly load: Load;
  readonly synchronous: SqliteSynchronous;
  readonly result: LoadResult;
  readonly timings?: SqlTimings | undefined;
}
const loads: Record<Load, Omit<LoadOptions, 'questions'>> = {
  saturation: { conversations: CONVERSATIONS, turnsPerConversation: SATURATION_TURNS },
  paced: { conversations: CONVERSATIONS, turnsPerConversation: PACED_TURNS, pacing: PACING },
};
const rows: Row[] = [];
for (const [name, start, key] of [
  ['bare botbuilder echo bot', echoBot, 'echo'],
  ['answerdesk (full bot)', answerdesk, 'answerdesk'],
] as const) {
  for (const load of ['saturation', 'paced'] as const) {
    if (loadKind !== undefined && loadKind !== load) continue;
    for (const synchronous of load === 'paced' ? (['request'] as const) : SQLITE_SYNCHRONOUS_MODES) {
      if (only !== undefined && only !== key && only !== `${key}:${synchronous}`) continue;
      const timings = sqlTiming ? new SqlTimings() : undefined;
      const server = await start(dir, synchronous, timings);
      // Warm-up, every question once: JIT (each path a question takes: answer, did-you-mean,
      // complaint, out of scope), SQLite pages, fuse indexes. A server runs for days; its first
      // minute is not what a customer meets.
      await runLoad([server.url], {
        ...loads.saturation,
        turnsPerConversation: Math.ceil(questions.length / CONVERSATIONS),
        questions,
      });
      timings?.clear();
      const loopBefore = performance.eventLoopUtilization();
      const result = await runLoad([server.url], { ...loads[load], questions });
      if (timings !== undefined) timings.loopUtilization = performance.eventLoopUtilization(loopBefore).utilization;
      rows.push({ bot: name, load, synchronous, result, timings });
      if (json) process.stdout.write(`${JSON.stringify({ tree, bot: key, load, synchronous, ...result })}\n`);
      await server.stop();
    }
  }
}
fs.rmSync(dir, { recursive: true, force: true });

const echo = (load: Load, synchronous: SqliteSynchronous) =>
  rows.find((r) => r.bot.startsWith('bare') && r.load === load && r.synchronous === synchronous)?.result;
const throughput = (r: LoadResult) => r.turns / r.seconds;
const lines = [
  '## Direct Line turns under load',
  '',
  `${CONVERSATIONS} concurrent conversations (questions from bench/data/sample-heldout.csv), one process, SQLite file in WAL mode on ${os.tmpdir()}, clients over loopback HTTP (the bots' replies are stored in-process, one transaction per turn); both bots in this run, back to back. Saturation: ${SATURATION_TURNS} messages per conversation, each sent as soon as the last was answered, in every \`DATABASE_SYNCHRONOUS\` mode (\`full\`: every commit fsynced; \`request\`: commits not fsynced, one WAL sync before each answer; both: an acknowledged message survives power loss; \`normal\`: survives a process crash only). Paced: ${PACED_TURNS} messages per conversation, each after a think time of ${PACING.minMs / 1000}–${PACING.maxMs / 1000} s (uniform, seed ${PACING.seed}), \`request\` mode. Load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}, ${os.cpus().length} cores.`,
  '',
  '| bot | load | synchronous | turns | turns/s | × echo | p50 ms | p99 ms | max ms | errors |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(({ bot, load, synchronous, result: r }) => {
    const base = echo(load, synchronous);
    const ratio = load === 'saturation' && base !== undefined ? (throughput(r) / throughput(base)).toFixed(2) : '';
    return `| ${bot} | ${load} | ${synchronous} | ${r.turns} | ${throughput(r).toFixed(1)} | ${ratio} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.errors} |`;
  }),
  '',
];
for (const { bot, load, synchronous, result, timings } of rows) {
  if (timings === undefined) continue;
  if (timings.kinds.size === 0) {
    lines.push(`${bot}, ${load}: no statement timings (code from before \`--sql-timing\`, via --tree?).`, '');
    continue;
  }
  const kinds = [...timings.kinds].sort(([, a], [, b]) => b.roundTripMs - a.roundTripMs);
  const sum = (pick: (k: { statements: number; sqliteMs: number; roundTripMs: number }) => number) =>
    kinds.reduce((total, [, k]) => total + pick(k), 0);
  const perTurn = (n: number) => (n / result.turns).toFixed(2);
  lines.push(
    `### Where the SQL time goes: ${bot}, ${load}, ${synchronous}`,
    '',
    `Per turn: ${perTurn(sum((k) => k.statements))} statements, SQLite's own time ${perTurn(sum((k) => k.sqliteMs))} ms, their round trips on the event loop ${perTurn(sum((k) => k.roundTripMs))} ms.`,
    '',
    '| statement | per turn | SQLite ms (mean) | round trip ms (mean) |',
    '| --- | ---: | ---: | ---: |',
    ...kinds
      .slice(0, 15)
      .map(
        ([sql, k]) =>
          `| \`${sql.replaceAll('|', '\\|')}\` | ${perTurn(k.statements)} | ${(k.sqliteMs / Math.max(1, k.statements)).toFixed(3)} | ${(k.roundTripMs / Math.max(1, k.statements)).toFixed(3)} |`,
      ),
    '',
  );
  if (timings.holders.size === 0) continue;
  // The two limits on turns/s: SQLite's one connection (nothing else runs while a holder has it) and
  // the main thread (the bot, Kysely, HTTP and the load's clients all run there).
  const holders = [...timings.holders].sort(([a], [b]) => a - b);
  const heldMs = holders.reduce((total, [, h]) => total + h.ms, 0);
  const busyMs = timings.loopUtilization * result.seconds * 1000;
  lines.push(
    `Per turn: the connection was held ${perTurn(heldMs)} ms (at most ${(1000 / (heldMs / result.turns)).toFixed(0)} turns/s if nothing else limited), the main thread busy ${perTurn(busyMs)} ms (event loop utilization ${(timings.loopUtilization * 100).toFixed(0)}%, load generator included).`,
    '',
    '| holder | per turn | held ms (mean) | held ms per turn |',
    '| --- | ---: | ---: | ---: |',
    ...holders
      .filter(([, h]) => h.count / result.turns >= 0.05)
      .map(
        ([statements, h]) =>
          `| ${statements === 1 ? 'one statement' : `transaction, ${statements} statements`} | ${perTurn(h.count)} | ${(h.ms / h.count).toFixed(2)} | ${perTurn(h.ms)} |`,
      ),
    '',
  );
}
const markdown = lines.join('\n');
if (!json) {
  fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/out/directline.md'), `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
}
