/**
 * Cold start: process start of `answerdesk serve` (fresh SQLite file, the sample knowledge base)
 * until `GET /healthz` answers 200, then the first customer turn over Direct Line (start a
 * conversation, which the bot greets, and ask one question), so work moved off start-up onto the
 * first turn would show. Also the server's own `startupMs` log figure.
 *
 * The current checkout and a baseline commit (`--baseline <ref>`, default `HEAD~1`, checked out in
 * a temporary git worktree sharing node_modules) run alternately in the same run, each as
 * `npm start` runs it: built first when it has a build step (`scripts/build.js`). Both with a snapshot
 * cache that already holds the unchanged knowledge's trained snapshots ("cached", the restart
 * case); the current checkout also with an empty cache (matcher and analyzer are trained).
 *
 *   node --import tsx bench/startup.bench.ts [--quick] [--baseline <ref>]
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const RUNS = args.includes('--quick') ? 2 : 5;
const baselineAt = args.indexOf('--baseline');
const baselineRef = (baselineAt < 0 ? undefined : args[baselineAt + 1]) ?? 'HEAD~1';
const QUESTION = 'how do I reset my password';

interface ColdStart {
  healthyMs: number;
  startupMs: number | null;
  /** Where the matcher came from, as the server logged it. */
  matcher: string;
  /** Token + start conversation (the bot's greeting turn). */
  greetingMs: number;
  /** The first question: post until it is answered and the answer is in the transcript. */
  firstAnswerMs: number;
  /** Process start until the first question was answered. */
  toFirstAnswerMs: number;
}

async function waitHealthy(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not become healthy`);
}

async function call(url: string, token: string | undefined, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: body === undefined && token !== undefined ? 'GET' : 'POST',
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** The first customer's experience: greeting, then one question answered by the bot. */
async function firstTurn(base: string): Promise<{ greetingMs: number; firstAnswerMs: number }> {
  const started = performance.now();
  const generated = (await call(`${base}/v3/directline/tokens/generate`, undefined, {})) as { token: string };
  const conversation = (await call(`${base}/v3/directline/conversations`, generated.token, {})) as {
    conversationId: string;
    token: string;
  };
  const greetingMs = performance.now() - started;
  const asked = performance.now();
  const activities = `${base}/v3/directline/conversations/${conversation.conversationId}/activities`;
  const posted = (await call(activities, conversation.token, {
    type: 'message',
    from: { id: 'bench-user' },
    text: QUESTION,
  })) as { id: string };
  for (;;) {
    const { activities: seen } = (await call(activities, conversation.token)) as {
      activities: { replyToId?: string; from: { role?: string; id: string } }[];
    };
    if (seen.some((a) => a.replyToId === posted.id && a.from.id !== 'bench-user')) break;
    if (performance.now() - asked > 30_000) throw new Error(`no answer to "${QUESTION}" within 30 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return { greetingMs, firstAnswerMs: performance.now() - asked };
}

/** One `serve` start of the checkout at `tree` on a fresh database, with the snapshot cache `cacheDir`. */
async function coldStart(tree: string, port: number, cacheDir: string): Promise<ColdStart> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-bench-start-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/answerdesk.js', 'serve'], {
    cwd: tree,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}`,
      KNOWLEDGE_CACHE_DIR: cacheDir,
      LOG_LEVEL: 'info',
      DOTENV_CONFIG_QUIET: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(`${base}/healthz`, Date.now() + 120_000);
    const healthyMs = performance.now() - started;
    const turn = await firstTurn(base);
    const toFirstAnswerMs = performance.now() - started;
    const logged = /"startupMs":(\d+)/.exec(output)?.[1];
    const matcher = /"matcher":"(\w+)"/.exec(output)?.[1] ?? '?';
    return { healthyMs, startupMs: logged === undefined ? null : Number(logged), matcher, ...turn, toFirstAnswerMs };
  } catch (error) {
    throw new Error(`${tree}: ${(error as Error).message}\n${output}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What `npm start` would run after `npm install`: a checkout with a build step is built first. */
function build(tree: string, ifStale: boolean): void {
  if (!fs.existsSync(path.join(tree, 'scripts/build.js'))) return;
  execFileSync(process.execPath, ['scripts/build.js', ...(ifStale ? ['--if-stale'] : [])], {
    cwd: tree,
    stdio: 'inherit',
  });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-bench-startup-'));
const baselineTree = path.join(work, 'baseline');
const baselineCommit = execFileSync('git', ['rev-parse', '--short', baselineRef], {
  cwd: root,
  encoding: 'utf8',
}).trim();
const currentCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const dirty =
  execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
execFileSync('git', ['worktree', 'add', '--detach', baselineTree, baselineRef], { cwd: root, stdio: 'ignore' });
type Tree = 'current' | 'baseline';
type Case = 'cached' | 'empty';
const runs: { tree: Tree; cache: Case; result: ColdStart }[] = [];
try {
  fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(baselineTree, 'node_modules'));
  build(root, true);
  build(baselineTree, false);
  const trees: Record<Tree, string> = { current: root, baseline: baselineTree };
  const warm: Record<Tree, string> = {
    current: path.join(work, 'cache-current'),
    baseline: path.join(work, 'cache-baseline'),
  };
  // Fill each checkout's cache (its model versions may differ) and warm the OS file cache.
  await coldStart(root, 4399, warm.current);
  await coldStart(baselineTree, 4398, warm.baseline);
  for (let i = 0; i < RUNS; i++) {
    for (const tree of ['current', 'baseline'] as const)
      runs.push({ tree, cache: 'cached', result: await coldStart(trees[tree], 4300 + runs.length, warm[tree]) });
    runs.push({
      tree: 'current',
      cache: 'empty',
      result: await coldStart(root, 4300 + runs.length, path.join(work, `cache-empty-${i}`)),
    });
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', baselineTree], { cwd: root, stdio: 'ignore' });
  fs.rmSync(work, { recursive: true, force: true });
}

const median = (tree: Tree, cache: Case, field: keyof Omit<ColdStart, 'matcher' | 'startupMs'>): number => {
  const sorted = runs
    .filter((r) => r.tree === tree && r.cache === cache)
    .map((r) => r.result[field])
    .sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const row = (tree: Tree, cache: Case): string =>
  `| ${tree} | ${cache} | ${median(tree, cache, 'healthyMs').toFixed(0)} | ${median(tree, cache, 'greetingMs').toFixed(0)} | ${median(tree, cache, 'firstAnswerMs').toFixed(0)} | ${median(tree, cache, 'toFirstAnswerMs').toFixed(0)} |`;
const lines = [
  '## Cold start',
  '',
  `\`answerdesk serve\` on a fresh SQLite file with the sample knowledge base, ${RUNS} runs per case, the cases alternating: current = ${currentCommit}${dirty ? ' plus uncommitted changes' : ''}, baseline = ${baselineCommit} (\`--baseline ${baselineRef}\`), each built first when it has a build step (load average ${os.loadavg()[0]?.toFixed(1)} at the end, ${os.cpus().length} cores). "cached": the snapshot cache already holds the unchanged knowledge's trained snapshots, which are checksum-verified and loaded (the restart case); "empty": matcher and complaint classifier are trained (in worker threads). "healthy" = process start until \`GET /healthz\` answers 200; then the first customer: "greeting" = token + start conversation (the bot's greeting turn), "first answer" = one question posted until its answer is in the transcript; "to first answer" = process start until then; "startupMs" = the server's own log figure (config to listening). Target for "cached": ≤ 1.5 s healthy on an idle machine.`,
  '',
  '| tree | cache | median healthy ms | median greeting ms | median first answer ms | median to first answer ms |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  row('current', 'cached'),
  row('baseline', 'cached'),
  row('current', 'empty'),
  '',
  '| run | tree | cache | matcher | healthy ms | startupMs | greeting ms | first answer ms |',
  '| ---: | --- | --- | --- | ---: | ---: | ---: | ---: |',
  ...runs.map(
    ({ tree, cache, result: r }, i) =>
      `| ${Math.floor(i / 3) + 1} | ${tree} | ${cache} | ${r.matcher} | ${r.healthyMs.toFixed(0)} | ${r.startupMs ?? '?'} | ${r.greetingMs.toFixed(0)} | ${r.firstAnswerMs.toFixed(0)} |`,
  ),
  '',
];
const markdown = lines.join('\n');
fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/out/startup.md'), `${markdown}\n`);
process.stdout.write(`${markdown}\n`);
