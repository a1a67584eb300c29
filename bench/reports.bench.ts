/**
 * The support report at scale (issue 16 §4): 100,000 stored messages (about 8,000 conversations
 * over 120 days: questions answered, asked back and missed in 300 wordings of 60 tasks, votes,
 * small talk, prompt replies, bot replies; a quarter handed off with tickets, agent replies,
 * solves, surveys and ratings; sentiment and complaints on customer messages), seeded straight
 * into a real database with the real migrations; then `ReportsService.summary` (every number,
 * the top unanswered groups of the misses inbox included) for 30, 90 and 365 days by day and by
 * week, several runs each, against the peer a report must not be: reading the period's message
 * rows into memory (what "load everything and count in JavaScript" costs before it counts anything).
 * Target: under 1 s. Writes bench/out/reports.md (or reports-postgres.md) and prints it.
 *
 * The misses are grouped with the inbox's own clustering; the served matcher is a stand-in with
 * no candidates (the text half of the grouping only): scores are cached per wording and knowledge
 * version, so after the warm-up a real matcher costs nothing more.
 *
 *   node --import tsx bench/reports.bench.ts [--quick] [--postgres]
 *
 * `--postgres` runs it on a fresh database of the PostgreSQL server at TEST_POSTGRES_URL.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { InsightsRepository } from '../src/insights/insights.repository.ts';
import { InsightsService } from '../src/insights/insights.service.ts';
import { parseReportPeriod } from '../src/reports/report-period.parser.ts';
import type { ReportInterval } from '../src/reports/report-period.ts';
import { ReportsRepository } from '../src/reports/reports.repository.ts';
import { ReportsService } from '../src/reports/reports.service.ts';
import { openDatabase } from '../src/store/database.ts';
import { runOnServer, withDatabase } from '../test/helpers/test-postgres.ts';
import { percentile } from './percentile.ts';
import { seedReportData } from './report-seed.ts';

const quick = process.argv.includes('--quick');
const onPostgres = process.argv.includes('--postgres');
const RUNS = quick ? 3 : 5;
const MESSAGES = 100_000;
const END = Date.UTC(2026, 10, 30);
const TIME_ZONE = 'Europe/Paris';
const CASES: Array<[number, ReportInterval]> = [
  [30, 'day'],
  [90, 'day'],
  [90, 'week'],
  [365, 'day'],
  [365, 'week'],
];

const serverUrl = process.env.TEST_POSTGRES_URL ?? '';
if (onPostgres && serverUrl === '') throw new Error('bench/reports --postgres: set TEST_POSTGRES_URL');
const pgName = `answerdesk_reports_bench_${process.pid}`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'answerdesk-reports-bench-'));
if (onPostgres) await runOnServer(serverUrl, `create database ${pgName} template template0 encoding 'UTF8'`);
const location = onPostgres ? withDatabase(serverUrl, pgName) : path.join(dir, 'bench.sqlite');
const db = await openDatabase(location);
const loadBefore = os.loadavg();
const seedStart = performance.now();
const seeded = await seedReportData(db, { messages: MESSAGES, days: 120, end: END });
const seedMs = performance.now() - seedStart;
// What autovacuum does within a minute of such a bulk load: planner statistics, and the visibility
// map that lets PostgreSQL answer from an index alone.
if (onPostgres) await sql`vacuum analyze`.execute(db);
const insights = new InsightsService({
  repository: new InsightsRepository(db),
  knowledge: () => ({
    version: 1,
    threshold: 0.4,
    entryIds: new Set(),
    phrasings: [],
    score: () => ({ candidates: [], outOfScope: null }),
  }),
});
const service = new ReportsService(new ReportsRepository(db), insights);

interface Row {
  readonly label: string;
  readonly p50: number;
  readonly max: number;
  /** CPU time of this process (the database's work included: SQLite runs in its thread pool), p50. */
  readonly cpu: number;
  readonly note: string;
}
const rows: Row[] = [];

async function time(label: string, run: () => Promise<string>): Promise<void> {
  const times: number[] = [];
  const cpu: number[] = [];
  let note = '';
  await run(); // warm-up: statement preparation, page cache, the misses' scores
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    note = await run();
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  rows.push({ label, p50: percentile(times, 50), max: times[times.length - 1] ?? 0, cpu: percentile(cpu, 50), note });
}

try {
  for (const [days, interval] of CASES) {
    const from = new Date(END - days * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(END).toISOString().slice(0, 10);
    const parsed = parseReportPeriod({ from, to, interval }, TIME_ZONE);
    if (parsed.kind !== 'period') throw new Error(parsed.message);
    await time(`summary, ${days} days by ${interval}`, async () => {
      const s = await service.summary(parsed.period);
      const missed = s.topUnanswered.map((g) => g.count);
      return `${s.conversations} conversations, ${s.questions} questions, ${s.series.length} points, top unanswered ${missed.length > 0 ? missed.join('/') : 'none'}`;
    });
    if (interval === 'week' || days > 90) continue;
    await time(`peer: read the ${days} days' message rows`, async () => {
      const all = await db
        .selectFrom('messages')
        .selectAll()
        .where('created_at', '>=', parsed.period.from.toISOString())
        .where('created_at', '<', parsed.period.to.toISOString())
        .execute();
      return `${all.length} rows, not yet counted`;
    });
  }
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
  if (onPostgres) await runOnServer(serverUrl, `drop database if exists ${pgName}`);
}

const fmt = (ms: number) => ms.toFixed(1);
const md = [
  `## Reports bench${onPostgres ? ' (PostgreSQL)' : ''}`,
  '',
  `Run ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores, load average ${loadBefore
    .map((l) => l.toFixed(1))
    .join(
      ' / ',
    )} at the start. One ${onPostgres ? 'PostgreSQL database' : 'SQLite file'}: ${seeded.messages.toLocaleString('en-US')} messages in ${seeded.conversations.toLocaleString('en-US')} conversations over 120 days, ${seeded.tickets.toLocaleString('en-US')} tickets with ${seeded.events.toLocaleString('en-US')} events (seeded in ${(seedMs / 1000).toFixed(1)} s). Reports in ${TIME_ZONE}; ${RUNS} runs after one warm-up.`,
  '',
  '| query | p50 ms | max ms | CPU ms (p50) | result |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.label} | ${fmt(r.p50)} | ${fmt(r.max)} | ${fmt(r.cpu)} | ${r.note} |`),
  '',
  `Target: a summary under 1,000 ms. Every number is counted in SQL (13 statements, grouped by bucket, on covering indexes), so what leaves the database is one row per day or week; the top unanswered groups read the period's missed questions and group them as the Inbox does. The peer only reads the period's rows and has counted nothing yet. The 365-day periods hold all 120 days of data. On a shared machine the wall time follows the load; the CPU time (of this process, PostgreSQL's own not included) is the steadier figure.`,
].join('\n');
mkdirSync('bench/out', { recursive: true });
writeFileSync(`bench/out/reports${onPostgres ? '-postgres' : ''}.md`, `${md}\n`);
process.stdout.write(`${md}\n`);
