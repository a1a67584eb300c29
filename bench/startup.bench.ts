/**
 * Cold start: process start of `answerdesk serve` (fresh SQLite file, the sample knowledge base)
 * until `GET /healthz` answers 200, over several runs; also the server's own `startupMs` log figure.
 *
 *   node --import tsx bench/startup.bench.ts [--quick]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = process.argv.includes('--quick') ? 2 : 5;

async function waitHealthy(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not become healthy`);
}

async function coldStart(run: number): Promise<{ healthyMs: number; startupMs: number | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-bench-start-'));
  const port = 4300 + run;
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/answerdesk.js', 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}`, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, Date.now() + 120_000);
    const healthyMs = performance.now() - started;
    const logged = /"startupMs":(\d+)/.exec(output)?.[1];
    return { healthyMs, startupMs: logged === undefined ? null : Number(logged) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (let i = 0; i < RUNS; i++) results.push(await coldStart(i));
const healthy = results.map((r) => r.healthyMs).sort((a, b) => a - b);
const lines = [
  '## Cold start',
  '',
  `\`answerdesk serve\` on a fresh SQLite file with the sample knowledge base, ${RUNS} runs one after another (load average ${os.loadavg()[0]?.toFixed(1)} at the end). "healthy" = process start until \`GET /healthz\` answers 200; "startupMs" = the server's own log figure (config to listening: knowledge load, matcher and complaint training, database, migrations).`,
  '',
  '| run | healthy ms | startupMs |',
  '| ---: | ---: | ---: |',
  ...results.map((r, i) => `| ${i + 1} | ${r.healthyMs.toFixed(0)} | ${r.startupMs ?? '?'} |`),
  '',
  `Median healthy: ${(healthy[Math.floor(healthy.length / 2)] ?? 0).toFixed(0)} ms.`,
  '',
];
const markdown = lines.join('\n');
fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/out/startup.md'), `${markdown}\n`);
process.stdout.write(`${markdown}\n`);
