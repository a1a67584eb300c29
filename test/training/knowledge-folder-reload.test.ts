import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import { type KnowledgeSnapshot, KnowledgeStore } from '../../src/knowledge/knowledge-store.ts';
import { type KnowledgeFolder, loadKnowledgeFolder } from '../../src/training/knowledge-folder.loader.ts';
import {
  lines,
  removeKnowledgeDir,
  simpleFaq,
  VALID_ANALYSIS_FILES,
  writeKnowledgeDir,
} from '../helpers/knowledge-fixture.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Snapshot = KnowledgeSnapshot<MessageAnalyzer, KnowledgeFolder>;

/** A watching store over a real temp folder whose value is the analyzer, built as the app builds it. */
async function openWatchingStore() {
  const dir = await writeKnowledgeDir({ 'faq/a.yaml': simpleFaq('first') });
  cleanups.push(() => removeKnowledgeDir(dir));
  let onReload: (snapshot: Snapshot) => void = () => undefined;
  let onError: (error: unknown) => void = () => undefined;
  const store = await KnowledgeStore.open<MessageAnalyzer, KnowledgeFolder>({
    dir,
    load: (folder) => loadKnowledgeFolder(folder, { cwd: folder }),
    build: (folder) => MessageAnalyzer.train(folder.analysis),
    onReload: (snapshot) => onReload(snapshot),
    onError: (error) => onError(error),
    debounceMs: 50,
  });
  cleanups.push(() => store.close());
  const nextReload = (): Promise<Snapshot> => new Promise((resolve) => (onReload = resolve));
  const nextError = (): Promise<unknown> => new Promise((resolve) => (onError = resolve));
  const write = (name: string, text: string): Promise<void> => writeFile(path.join(dir, name), text);
  return { store, nextReload, nextError, write };
}

describe('KnowledgeStore over the whole knowledge folder', () => {
  it('hot-reloads an edited sentiment lexicon, and keeps the last good analyzer on a bad edit with its location', async () => {
    const { store, nextReload, nextError, write } = await openWatchingStore();
    expect(store.current().analyze('this is grotty').sentiment.score).toBe(0);

    const reloaded = nextReload();
    await write('sentiment/lexicon.yaml', lines('words:', '  useless: -3', '  grotty: -2'));
    expect((await reloaded).value.analyze('this is grotty').sentiment.score).toBe(-2);
    expect(store.current().analyze('this is grotty').sentiment.score).toBe(-2);

    const failed = nextError();
    await write('sentiment/lexicon.yaml', lines('words:', '  grotty: 12'));
    const error = await failed;
    expect(error).toBeInstanceOf(KnowledgeValidationError);
    expect((error as KnowledgeValidationError).problems).toEqual([
      'sentiment/lexicon.yaml:2:3: words.grotty: score must be a number from -5 to 5',
    ]);
    expect(store.current().analyze('this is grotty').sentiment.score).toBe(-2);
    expect(store.snapshot().version).toBe(2);
  });

  it('hot-reloads an edited complaint examples file', async () => {
    const { store, nextReload, write } = await openWatchingStore();
    const before = store.snapshot().knowledgeBase.analysis.complaints.examples.length;

    const reloaded = nextReload();
    await write(
      'complaints/examples/small.yaml',
      `${VALID_ANALYSIS_FILES['complaints/examples/small.yaml'] ?? ''}  - { category: billing_payment, text: "you charged my card twice" }\n`,
    );
    const snapshot = await reloaded;

    expect(snapshot.knowledgeBase.analysis.complaints.examples).toHaveLength(before + 1);
    expect(snapshot.knowledgeBase.analysis.complaints.examples.at(-1)).toMatchObject({
      label: 'billing_payment',
      source: 'complaints/examples/small.yaml:4:5',
    });
    expect(store.current()).toBe(snapshot.value);
  });
});
