/**
 * Cold start: process start of `answerdesk serve` (fresh SQLite file, the sample knowledge base)
 * until `GET /healthz` answers 200, over several runs; also the server's own `startupMs` log figure.
 * Two cases, alternating in one run: an empty snapshot cache (matcher and analyzer are trained) and
 * a cache that already holds the unchanged knowledge's snapshots (they are loaded).
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

interface ColdStart {
  healthyMs: number;
  startupMs: number | null;
  /** Where the matcher came from, as the server logged it. */
  matcher: string;
}

/** One `serve` start on a fresh database; `cacheDir` = the snapshot cache to use (a fresh one when omitted). */
async function coldStart(run: number, cacheDir?: string): Promise<ColdStart> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-bench-start-'));
  const port = 4300 + run;
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/answerdesk.js', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}`,
      KNOWLEDGE_CACHE_DIR: cacheDir ?? path.join(dir, 'cache'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, Date.now() + 120_000);
    const healthyMs = performance.now() - started;
    const logged = /"startupMs":(\d+)/.exec(output)?.[1];
    const matcher = /"matcher":"(\w+)"/.exec(output)?.[1] ?? '?';
    return { healthyMs, startupMs: logged === undefined ? null : Number(logged), matcher };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const warmCache = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-bench-cache-'));
await coldStart(99, warmCache); // fills the cache that the "cached" runs load
const runs: { cache: 'empty' | 'cached'; result: ColdStart }[] = [];
for (let i = 0; i < RUNS; i++) {
  runs.push({ cache: 'empty', result: await coldStart(i) });
  runs.push({ cache: 'cached', result: await coldStart(i, warmCache) });
}
fs.rmSync(warmCache, { recursive: true, force: true });
const median = (cache: 'empty' | 'cached'): number => {
  const sorted = runs.filter((r) => r.cache === cache).map((r) => r.result.healthyMs).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const lines = [
  '## Cold start',
  '',
  `\`answerdesk serve\` on a fresh SQLite file with the sample knowledge base, ${RUNS} runs per case, the two cases alternating (load average ${os.loadavg()[0]?.toFixed(1)} at the end, ${os.cpus().length} cores). "empty cache": matcher and complaint classifier are trained (in worker threads); "cached": the snapshot cache already holds the unchanged knowledge's trained snapshots, which are checksum-verified and loaded. "healthy" = process start until \`GET /healthz\` answers 200; "startupMs" = the server's own log figure (config to listening). Target for "cached": ≤ 1.5 s healthy on an idle machine.`,
  '',
  '| run | cache | matcher | healthy ms | startupMs |',
  '| ---: | --- | --- | ---: | ---: |',
  ...runs.map((r, i) => `| ${Math.floor(i / 2) + 1} | ${r.cache} | ${r.result.matcher} | ${r.result.healthyMs.toFixed(0)} | ${r.result.startupMs ?? '?'} |`),
  '',
  `Median healthy: empty cache ${median('empty').toFixed(0)} ms, cached ${median('cached').toFixed(0)} ms.`,
  '',
];
const markdown = lines.join('\n');
fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/out/startup.md'), `${markdown}\n`);
process.stdout.write(`${markdown}\n`);
