/**
 * The support report at scale (issue 16 §4): 100,000 stored messages (6,000 conversations over
 * 120 days: questions answered, asked back and missed, votes, small talk, prompt replies, bot
 * replies; a quarter handed off with tickets, agent replies, solves, surveys and ratings;
 * sentiment and complaints on customer messages), seeded straight into a real SQLite file with the
 * real migrations; then `ReportsService.summary` for 30 and 90 days by day and 90 days by week,
 * several runs each, against the peer a report must not be: reading the period's message rows
 * into memory (what "load everything and count in JavaScript" costs before it counts anything).
 * Target: under 1 s. Writes bench/out/reports.md and prints it.
 *
 *   node --import tsx bench/reports.bench.ts [--quick]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseReportPeriod } from '../src/reports/report-period.parser.ts';
import type { ReportInterval } from '../src/reports/report-period.ts';
import { ReportsRepository } from '../src/reports/reports.repository.ts';
import { ReportsService } from '../src/reports/reports.service.ts';
import { openDatabase } from '../src/store/database.ts';
import { percentile } from './percentile.ts';
import { seedReportData } from './report-seed.ts';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 5;
const MESSAGES = 100_000;
const END = Date.UTC(2026, 10, 30);
const TIME_ZONE = 'Europe/Paris';

const dir = mkdtempSync(path.join(os.tmpdir(), 'answerdesk-reports-bench-'));
const db = await openDatabase(path.join(dir, 'bench.sqlite'));
const loadBefore = os.loadavg();
const seedStart = performance.now();
const seeded = await seedReportData(db, { messages: MESSAGES, days: 120, end: END });
const seedMs = performance.now() - seedStart;
const service = new ReportsService(new ReportsRepository(db));

interface Row {
  readonly label: string;
  readonly p50: number;
  readonly max: number;
  readonly note: string;
}
const rows: Row[] = [];

async function time(label: string, run: () => Promise<string>): Promise<void> {
  const times: number[] = [];
  let note = '';
  await run(); // warm-up: statement preparation, page cache
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    note = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  rows.push({ label, p50: percentile(times, 50), max: times[times.length - 1] ?? 0, note });
}

for (const [days, interval] of [
  [30, 'day'],
  [90, 'day'],
  [90, 'week'],
] as Array<[number, ReportInterval]>) {
  const from = new Date(END - days * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(END).toISOString().slice(0, 10);
  const parsed = parseReportPeriod({ from, to, interval }, TIME_ZONE);
  if (parsed.kind !== 'period') throw new Error(parsed.message);
  await time(`summary, ${days} days by ${interval}`, async () => {
    const s = await service.summary(parsed.period);
    return `${s.conversations} conversations, ${s.questions} questions, ${s.series.length} points`;
  });
  if (interval === 'week') continue;
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
await db.destroy();
rmSync(dir, { recursive: true, force: true });

const fmt = (ms: number) => ms.toFixed(1);
const md = [
  '## Reports bench',
  '',
  `Run ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores, load average ${loadBefore
    .map((l) => l.toFixed(1))
    .join(
      ' / ',
    )} at the start. One SQLite file: ${seeded.messages.toLocaleString('en-US')} messages in ${seeded.conversations.toLocaleString('en-US')} conversations over 120 days, ${seeded.tickets.toLocaleString('en-US')} tickets with ${seeded.events.toLocaleString('en-US')} events (seeded in ${(seedMs / 1000).toFixed(1)} s). Reports in ${TIME_ZONE}; ${RUNS} runs after one warm-up.`,
  '',
  '| query | p50 ms | max ms | result |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.label} | ${fmt(r.p50)} | ${fmt(r.max)} | ${r.note} |`),
  '',
  `Target: a summary under 1,000 ms. Every number is counted in SQL (13 statements, grouped by bucket), so what leaves the database is one row per day or week; the peer only reads the period's rows and has counted nothing yet.`,
].join('\n');
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/reports.md', `${md}\n`);
process.stdout.write(`${md}\n`);
