import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from './src/store/database.ts';
import { seedReportData } from './bench/report-seed.ts';
import { ReportsRepository } from './src/reports/reports.repository.ts';
import { ReportsService } from './src/reports/reports.service.ts';
import { parseReportPeriod } from './src/reports/report-period.parser.ts';
const n = Number(process.argv[2] ?? 10000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'rb-'));
const db = await openDatabase(path.join(dir, 'b.sqlite'));
let t = performance.now();
const s = await seedReportData(db, { messages: n, days: 120, end: Date.UTC(2026, 10, 30) });
console.log('seed', s, performance.now() - t);
const repo = new ReportsRepository(db);
const p = parseReportPeriod({ from: process.argv[3] ?? '2026-10-01', to: '2026-10-31', interval: process.argv[4] ?? 'day' }, 'Europe/Paris');
if (p.kind !== 'period') throw 1;
const { reportBuckets } = await import('./src/reports/report-period.ts');
const b = reportBuckets(p.period);
const scope = { from: p.period.from.toISOString(), to: p.period.to.toISOString(), boundaries: b.slice(1).map((x) => x.start) };
for (const [name, f] of Object.entries({
  messages: () => repo.messageCounts(scope),
  conversations: () => repo.conversationCounts(scope),
  mood: () => repo.moodCounts(scope),
  fr: () => repo.durations(scope, 'first-response', true),
  res: () => repo.durations(scope, 'resolution', true),
  ratings: () => repo.ratingCounts(scope),
  surveys: () => repo.surveys(scope),
  comments: () => repo.csatComments(scope, 50),
  reasons: () => repo.handoffReasons(scope),
  complaints: () => repo.complaintBreakdown(scope),
  top: () => repo.topEntries(scope, 10),
})) { t = performance.now(); await f(); console.log(name, (performance.now() - t).toFixed(1)); }
await db.destroy();
