/**
 * Several server processes on one PostgreSQL database: the Direct Line turn load of
 * `directline.bench.ts` (`directline-load.ts`, saturation: 25 concurrent conversations × 30 questions) against ONE `answerdesk serve`
 * process on PostgreSQL and against TWO processes on the same database, in one run, alternating
 * (1, 2, 1, 2) on fresh databases. With two processes each conversation's posts alternate between
 * them, as behind a load balancer without sticky sessions (the hardest case: every turn reads the
 * state the other process wrote).
 *
 * Needs a PostgreSQL server: TEST_POSTGRES_URL (any database the user may create databases from),
 * else the bench runs itself under `.ci/postgres-cluster` (a throwaway cluster, Debian's package).
 *
 *   node --import tsx bench/postgres.bench.ts [--quick]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runOnServer, withDatabase } from '../test/helpers/test-postgres.ts';
import { type LoadResult, runLoad } from './directline-load.ts';

const root = path.resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const CONVERSATIONS = quick ? 10 : 25;
const TURNS_PER_CONVERSATION = quick ? 10 : 30;
const ROUNDS = quick ? 1 : 2;

const serverUrl = process.env.TEST_POSTGRES_URL;
if (serverUrl === undefined || serverUrl === '') {
  const cluster = path.join(root, '.ci/postgres-cluster');
  if (!fs.existsSync(cluster)) throw new Error('bench/postgres: set TEST_POSTGRES_URL to a PostgreSQL server');
  const result = spawnSync(cluster, [process.execPath, '--import', 'tsx', ...process.argv.slice(1)], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

/** Starts `answerdesk serve` on `databaseUrl`; resolves with its URL once it listens. */
function serve(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/answerdesk.js'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DOTENV_CONFIG_QUIET: 'true',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, url: match[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function arm(processes: number, round: number, questions: readonly string[]): Promise<LoadResult> {
  const name = `answerdesk_bench_${processes}p_${round}_${process.pid}`;
  await runOnServer(serverUrl ?? '', `create database ${name} template template0 encoding 'UTF8'`);
  const databaseUrl = withDatabase(serverUrl ?? '', name);
  const servers: Array<{ child: ChildProcess; url: string }> = [];
  try {
    // One after the other: the first applies the migrations.
    for (let p = 0; p < processes; p++) servers.push(await serve(databaseUrl));
    const bases = servers.map((s) => s.url);
    const load = { conversations: CONVERSATIONS, turnsPerConversation: TURNS_PER_CONVERSATION };
    await runLoad(bases, { ...load, questions: questions.slice(0, 20) }); // warm-up: JIT, caches, pools
    return await runLoad(bases, { ...load, questions });
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(
      servers.map((s) => (s.child.exitCode === null ? new Promise((r) => s.child.once('exit', r)) : undefined)),
    );
    await runOnServer(serverUrl ?? '', `drop database if exists ${name} with (force)`);
  }
}

const questions = (
  parse(fs.readFileSync(path.join(root, 'bench/data/sample-heldout.csv')), { columns: true }) as Array<{ text: string }>
).map((r) => r.text);
const rows: Array<[number, number, LoadResult]> = [];
for (let round = 1; round <= ROUNDS; round++) {
  for (const processes of [1, 2]) {
    process.stderr.write(`postgres bench: round ${round}, ${processes} process(es)\n`);
    rows.push([processes, round, await arm(processes, round, questions)]);
  }
}

const lines = [
  '## Several processes on PostgreSQL',
  '',
  `${CONVERSATIONS} concurrent conversations × ${TURNS_PER_CONVERSATION} messages each (bench/data/sample-heldout.csv), \`answerdesk serve\` processes on one PostgreSQL server (throwaway cluster, fsync off), loopback HTTP; with two processes each conversation's posts alternate between them (no sticky sessions). Both arms in this run, alternating, ${os.cpus().length} cores shared by the load generator, the servers and PostgreSQL.`,
  '',
  '| processes | round | turns | turns/s | p50 ms | p99 ms | errors |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    ([p, round, r]) =>
      `| ${p} | ${round} | ${r.turns} | ${(r.turns / r.seconds).toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`,
  ),
  '',
];
const markdown = lines.join('\n');
fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/out/postgres.md'), `${markdown}\n`);
process.stdout.write(`${markdown}\n`);
