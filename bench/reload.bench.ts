/**
 * Turn latency while the knowledge base is being rebuilt: concurrent Direct Line conversations
 * against the full app on a large synthetic knowledge base, p99 with no reload vs p99 while a
 * reload (one added entry → full retrain) is in flight, with training in a worker thread (the
 * current design) and, in the same run, on the main thread (the design before issue 13).
 *
 *   node --import tsx bench/reload.bench.ts [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { type App, createApp } from '../src/index.ts';
import { createLogger } from '../src/logging/logger.ts';
import { runTrainingTask } from '../src/training/training-task.ts';
import { percentile } from './percentile.ts';
import { syntheticKnowledge } from './synthetic-knowledge.ts';

const quick = process.argv.includes('--quick');
const PHRASINGS = quick ? 5_000 : 20_000;
const CONVERSATIONS = 8;
const BASELINE_MS = quick ? 4_000 : 8_000;
const root = path.resolve(import.meta.dirname, '..');

interface Phase {
  turns: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

function summarise(latencies: number[], errors: number): Phase {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    turns: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
    errors,
  };
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A knowledge folder: the sample's responses, sentiment and complaints, and a synthetic FAQ (JSON is YAML). */
function writeKnowledge(dir: string, entries: ReturnType<typeof syntheticKnowledge>['entries']): void {
  fs.cpSync(path.join(root, 'knowledge'), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}faq`) && !src.endsWith('out-of-scope.yaml'),
  });
  fs.mkdirSync(path.join(dir, 'faq'), { recursive: true });
  const plain = entries.map(({ id, title, questions, answer }) => ({ id, title, questions, answer }));
  fs.writeFileSync(path.join(dir, 'faq/synthetic.yaml'), JSON.stringify({ entries: plain }, null, 1));
  // The sample's responses name popular topics that the synthetic FAQ does not have.
  const responses = fs
    .readFileSync(path.join(dir, 'responses.yaml'), 'utf8')
    .replace(/popularTopics:[^\n]*(\n\s+-[^\n]*)*/, 'popularTopics: []');
  fs.writeFileSync(path.join(dir, 'responses.yaml'), responses);
}

/** Conversations sending messages back to back until `stop()`; each latency is tagged with when the turn started. */
function driveTurns(base: string, questions: readonly string[]) {
  const samples: { start: number; ms: number; ok: boolean }[] = [];
  let running = true;
  const done = Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, c) => {
      const generated = (await (
        await fetch(`${base}/v3/directline/tokens/generate`, {
          method: 'POST',
          headers: { 'x-forwarded-for': `10.0.1.${c}` },
        })
      ).json()) as { token: string };
      const started = (await (await post(`${base}/v3/directline/conversations`, generated.token, {})).json()) as {
        conversationId: string;
        token: string;
      };
      for (let t = 0; running; t++) {
        const text = questions[(c * 7919 + t) % questions.length] ?? 'hello';
        const t0 = performance.now();
        const res = await post(
          `${base}/v3/directline/conversations/${started.conversationId}/activities`,
          started.token,
          { type: 'message', from: { id: `bench-${c}` }, text },
        );
        await res.arrayBuffer();
        samples.push({ start: t0, ms: performance.now() - t0, ok: res.status === 200 });
      }
    }),
  );
  return {
    samples,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Turns that were in flight at any moment of [from, to): a turn stuck behind a blocked event loop counts. */
function between(samples: readonly { start: number; ms: number; ok: boolean }[], from: number, to: number): Phase {
  const inside = samples.filter((s) => s.start < to && s.start + s.ms > from);
  return summarise(
    inside.map((s) => s.ms),
    inside.filter((s) => !s.ok).length,
  );
}

async function measure(
  mode: 'worker' | 'main-thread',
  knowledgeDir: string,
  dataDir: string,
  entries: ReturnType<typeof syntheticKnowledge>['entries'],
  questions: readonly string[],
) {
  fs.rmSync(path.join(dataDir, 'cache'), { recursive: true, force: true });
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      KNOWLEDGE_DIR: knowledgeDir,
      DATABASE_URL: `file:${path.join(dataDir, `${mode}.sqlite`)}`,
    },
    root,
  );
  writeKnowledge(knowledgeDir, entries);
  // main-thread: the pre-issue-13 design, every task on the event loop, for this comparison only.
  const app: App = await createApp(
    config,
    createLogger('silent'),
    mode === 'main-thread' ? { runTrainingTask: async (task) => (await runTrainingTask(task)).reply } : {},
  );
  const server = await app.start();
  const base = `http://127.0.0.1:${server.port}`;
  const warm = driveTurns(base, questions);
  await new Promise((r) => setTimeout(r, 3000)); // JIT, SQLite pages, fuse indexes
  await warm.stop();

  const load = driveTurns(base, questions);
  const baselineFrom = performance.now();
  await new Promise((r) => setTimeout(r, BASELINE_MS));
  const baselineTo = performance.now();
  // Only turns that finished before the edit count as "no reload".
  const baselineSamples = load.samples.filter((x) => x.start + x.ms < baselineTo);
  // The edit an admin makes: one more entry, which retrains the whole matcher.
  writeKnowledge(knowledgeDir, [
    ...entries,
    {
      id: 'gift-wrap',
      title: 'Gift wrapping',
      questions: ['can you gift wrap my order'],
      answer: 'Yes.',
      tags: [],
      followUps: [],
      escalate: false,
      enabled: true,
    },
  ]);
  // The longest gap between ticks of a 10 ms timer: how long the event loop was blocked at most.
  let lastTick = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - lastTick - 10);
    lastTick = now;
  }, 10);
  const reloadFrom = performance.now();
  const result = await app.knowledge.reload();
  const reloadTo = performance.now();
  stallMs = Math.max(stallMs, reloadTo - lastTick - 10);
  clearInterval(ticker);
  await load.stop();
  await app.stop();
  if (result.kind !== 'swapped') throw new Error(`reload did not swap: ${result.kind}`);
  return {
    baseline: between(baselineSamples, baselineFrom, baselineTo),
    reload: between(load.samples, reloadFrom, reloadTo),
    reloadMs: reloadTo - reloadFrom,
    stallMs,
  };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-bench-reload-'));
const { entries, tests } = syntheticKnowledge(PHRASINGS);
const questions = tests.map((t) => t.text);
const rows: [string, Awaited<ReturnType<typeof measure>>][] = [];
for (const mode of ['worker', 'main-thread'] as const) {
  process.stderr.write(`reload bench: ${mode}...\n`);
  rows.push([mode, await measure(mode, path.join(work, `kb-${mode}`), work, entries, questions)]);
}
fs.rmSync(work, { recursive: true, force: true });

const fmt = (n: number): string => n.toFixed(1);
const lines = [
  '## Turn latency during a knowledge reload',
  '',
  `${CONVERSATIONS} concurrent Direct Line conversations sending back to back against the full app, knowledge base of ${entries.length} synthetic entries (${PHRASINGS} phrasings); ${BASELINE_MS / 1000} s with no reload, then one entry is added and \`knowledge.reload()\` retrains (a turn counts for the reload when it was in flight at any moment of it; "longest stall" = the longest event-loop delay seen during the reload). Both training modes in this run; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end on ${os.cpus().length} cores.`,
  '',
  '| training | phase | turns | p50 ms | p99 ms | max ms | errors | reload ms | longest stall ms | p99 reload / p99 idle |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.flatMap(([mode, r]) => [
    `| ${mode} | no reload | ${r.baseline.turns} | ${fmt(r.baseline.p50)} | ${fmt(r.baseline.p99)} | ${fmt(r.baseline.max)} | ${r.baseline.errors} | | | |`,
    `| ${mode} | during reload | ${r.reload.turns} | ${fmt(r.reload.p50)} | ${fmt(r.reload.p99)} | ${fmt(r.reload.max)} | ${r.reload.errors} | ${r.reloadMs.toFixed(0)} | ${r.stallMs.toFixed(0)} | ${(r.reload.p99 / r.baseline.p99).toFixed(2)}x |`,
  ]),
  '',
  'Target: p99 during a reload within 2x of p99 with no reload (worker). `main-thread` is the pre-issue-13 design, kept as an option for this comparison only.',
  '',
];
const markdown = lines.join('\n');
fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/out/reload.md'), `${markdown}\n`);
process.stdout.write(`${markdown}\n`);
