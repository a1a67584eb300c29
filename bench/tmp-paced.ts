import os from 'node:os'; import path from 'node:path'; import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { runLoad } from './directline-load.ts';
const root = '/work/main';
import sqlite3 from 'sqlite3';
const slow: string[] = []; const spans: Array<[number, number, string]> = [];
const prof: string[] = [];
{ const D = sqlite3.Database.prototype as any; const oc = D.configure; D.configure = function (this: any, ...a: any[]) { if (a[0] === 'busyTimeout') this.on('profile', (q: string, ms: number) => { if (ms > 5) prof.push(`${ms} ${q.slice(0, 50)}`); }); return oc.apply(this, a); }; }
{ const P = sqlite3.Statement.prototype as any; for (const m of ['run', 'all']) { const o = P[m]; P[m] = function (this: any, ...a: any[]) { const cb = a[a.length - 1]; const ts = performance.now(); const q = this.sql.slice(0, 50); a[a.length - 1] = function (this: any, ...r: any[]) { const d = performance.now() - ts; spans.push([ts, ts + d, q]); if (d > 5) slow.push(`${d.toFixed(1)} ${q}`); return cb.apply(this, r); }; return o.apply(this, a); }; } }
const { loadConfig } = await import(`${root}/src/config/config.ts`);
const { createApp } = await import(`${root}/src/index.ts`);
const { createLogger } = await import(`${root}/src/logging/logger.ts`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: `file:${dir}/x.sqlite`, DATABASE_SYNCHRONOUS: 'request' }, root);
const app = await createApp(config, createLogger('silent'));
const server = await app.start();
const url = `http://127.0.0.1:${server.port}`;
const questions = (parse(fs.readFileSync(`${root}/bench/data/sample-heldout.csv`), { columns: true }) as Array<{ text: string }>).map((r) => r.text);
await runLoad([url], { conversations: 25, turnsPerConversation: 4, questions });
for (const n of (process.env.NS ?? '1,5,25').split(',').map(Number)) {
  const tp: number[] = []; let tpOn = true; const probe = () => { if (!tpOn) return; const t = performance.now(); fs.access('/tmp', () => { tp.push(performance.now() - t); setTimeout(probe, 2); }); }; probe();
  const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
  const r = await runLoad([url], { conversations: n, turnsPerConversation: Math.ceil(400 / n), questions, pacing: { minMs: 500, maxMs: 2000, seed: 19 } });
  h.disable(); tpOn = false; tp.sort((a, b) => a - b); console.log('threadpool probe n', tp.length, 'p50', tp[tp.length >> 1]?.toFixed(2), 'p99', tp[Math.floor(tp.length * 0.99)]?.toFixed(2), 'max', tp.at(-1)?.toFixed(1), '>20ms', tp.filter((x) => x > 20).length);
  console.log(n, 'conv', r.turns, 'turns', (r.turns / r.seconds).toFixed(1), 't/s p50', r.p50.toFixed(1), 'p99', r.p99.toFixed(1), 'eld p50', (h.percentile(50) / 1e6).toFixed(1), 'p99', (h.percentile(99) / 1e6).toFixed(1), 'max', (h.max / 1e6).toFixed(1), 'errors', r.errors);
}
console.log(prof.length, 'slow in sqlite:', prof.slice(0, 20).join(' | ')); const worst = spans.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a)); console.log('WORST', (worst[1] - worst[0]).toFixed(1), worst[2], 'mono', Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000 + worst[0] * 1000, (worst[1] - worst[0]) * 1000); for (const sp of spans) if (sp[1] > worst[0] - 5 && sp[0] < worst[1] + 5) console.log('  ', (sp[0] - worst[0]).toFixed(1), '->', (sp[1] - worst[0]).toFixed(1), sp[2]);
console.log(slow.length, 'slow statements'); 
await app.stop(); process.exit(0);
