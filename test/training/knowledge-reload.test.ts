import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/files/knowledge.loader.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import { type KnowledgeReloadResult, KnowledgeStore } from '../../src/knowledge/knowledge-store.ts';
import type { AnswerMatcher } from '../../src/knowledge/matching/answer-matcher.ts';
import { loadKnowledgeFolder } from '../../src/training/knowledge-folder.loader.ts';
import { KnowledgeTrainer } from '../../src/training/knowledge-trainer.ts';
import { KnowledgeTrainingError } from '../../src/training/knowledge-training.error.ts';
import { generatedEntries } from '../helpers/generated-kb.ts';
import { removeKnowledgeDir, writeKnowledgeDir } from '../helpers/knowledge-fixture.ts';
import { makeTempDir } from '../helpers/test-config.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NEW_QUESTION = 'can you gift wrap my parcel with a ribbon';

/** FAQ YAML (JSON is YAML) for the generated entries, plus a gift-wrap entry when `withGiftWrap`. */
function faq(count: number, withGiftWrap: boolean): string {
  const entries = generatedEntries(count).map(({ id, title, questions, answer, enabled }) => ({
    id,
    title,
    questions,
    answer,
    enabled,
  }));
  if (withGiftWrap)
    entries.push({
      id: 'gift-wrap',
      title: 'Gift wrapping',
      questions: [NEW_QUESTION, 'do you offer gift wrapping'],
      answer: 'Yes.',
      enabled: true,
    });
  return JSON.stringify({ entries }, null, 1);
}

/** A store over a fresh knowledge folder of `count` generated entries, built by a worker-thread trainer with its own cache. */
async function openStore(count: number) {
  const dir = await writeKnowledgeDir({ 'faq/generated.yaml': faq(count, false) });
  cleanups.push(() => removeKnowledgeDir(dir));
  const cache = makeTempDir('answerdesk-cache-');
  cleanups.push(cache.cleanup);
  const trainer = new KnowledgeTrainer({ cacheDir: cache.dir });
  const errors: unknown[] = [];
  const reloading: number[] = [];
  let serving = false;
  const store = await KnowledgeStore.open<AnswerMatcher>({
    dir,
    build: async (kb) => (await trainer.matcher(kb)).value,
    // As the app does: read the YAML here at start, in a worker on reloads.
    load: (folder) =>
      serving ? trainer.knowledgeFolder(folder, { cwd: folder }) : loadKnowledgeFolder(folder, { cwd: folder }),
    onError: (error) => errors.push(error),
    onReloading: (kb) => reloading.push(kb.entries.length),
    watch: false,
  });
  serving = true;
  cleanups.push(() => store.close());
  const write = (text: string): Promise<void> => writeFile(path.join(dir, 'faq/generated.yaml'), text);
  return { store, write, errors, reloading };
}

const answerId = (matcher: AnswerMatcher, text: string): string | null => {
  const result = matcher.match(text);
  return result.kind === 'answer' ? result.entry.id : null;
};

describe('knowledge reload with worker-thread training', () => {
  it('keeps the event loop responsive and answers from the old knowledge until the new one is swapped in', async () => {
    const { store, write, reloading } = await openStore(600);
    const before = store.current();
    expect(answerId(before, NEW_QUESTION)).not.toBe('gift-wrap');
    await write(faq(600, true));

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    let settled: KnowledgeReloadResult<AnswerMatcher> | undefined;
    const reload = store.reload().then((result) => (settled = result));
    // While the build is in flight: timers keep firing and turns are answered from the old snapshot.
    let pingsWhilePending = 0;
    let answeredFromOld = 0;
    while (settled === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (settled !== undefined) break;
      pingsWhilePending += 1;
      if (store.current() === before && answerId(store.current(), NEW_QUESTION) !== 'gift-wrap') answeredFromOld += 1;
    }
    await reload;
    const buildMs = performance.now() - started;
    delay.disable();

    expect(settled?.kind).toBe('swapped');
    expect(reloading).toEqual([601]);
    expect(pingsWhilePending).toBeGreaterThan(10);
    expect(answeredFromOld).toBe(pingsWhilePending);
    // Loading and training happened elsewhere: the longest event-loop stall is a small part of the
    // rebuild (what remains is receiving and restoring the snapshot on this thread).
    expect(delay.max / 1e6).toBeLessThan(buildMs / 2);
    expect(store.current()).not.toBe(before);
    expect(answerId(store.current(), NEW_QUESTION)).toBe('gift-wrap');
    expect(store.snapshot().version).toBe(2);
  });

  it('keeps the last good knowledge when the edited YAML is invalid', async () => {
    const { store, write, errors } = await openStore(20);
    const before = store.current();
    await write('entries:\n  - id: broken\n    title: ""\n');

    expect((await store.reload()).kind).toBe('failed');
    expect(store.current()).toBe(before);
    expect(errors[0]).toBeInstanceOf(KnowledgeValidationError);
  });

  it('keeps the last good knowledge when training fails in the worker, and reports why', async () => {
    const dir = await writeKnowledgeDir({ 'faq/generated.yaml': faq(20, false) });
    cleanups.push(() => removeKnowledgeDir(dir));
    const errors: unknown[] = [];
    let crash = false;
    const trainer = new KnowledgeTrainer({ cacheDir: null });
    // The second build runs with a heap far too small for training: the worker dies.
    const starved = new KnowledgeTrainer({
      cacheDir: null,
      resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
    });
    const store = await KnowledgeStore.open<AnswerMatcher>({
      dir,
      build: async (kb) => (await (crash ? starved : trainer).matcher(kb)).value,
      load: (folder) => loadKnowledgeBase(folder, { cwd: folder }),
      onError: (error) => errors.push(error),
      watch: false,
    });
    cleanups.push(() => store.close());
    const before = store.current();
    crash = true;
    await writeFile(path.join(dir, 'faq/generated.yaml'), faq(20, true));

    const result = await store.reload();

    expect(result.kind).toBe('failed');
    expect(store.current()).toBe(before);
    expect(store.snapshot().version).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(KnowledgeTrainingError);
    expect((errors[0] as Error).message).toMatch(/training worker crashed/);
  });
});
