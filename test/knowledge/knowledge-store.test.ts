import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/files/knowledge.loader.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { KnowledgeSnapshot, KnowledgeStoreOptions } from '../../src/knowledge/knowledge-store.ts';
import { KnowledgeStore } from '../../src/knowledge/knowledge-store.ts';
import { lines, removeKnowledgeDir, simpleFaq, writeKnowledgeDir } from '../helpers/knowledge-fixture.ts';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ids = (kb: KnowledgeBase): string[] => kb.entries.map((entry) => entry.id);

/** A store over a fresh folder whose only FAQ file is `faq/a.yaml` with entry `first`. */
async function openStore(options: Partial<KnowledgeStoreOptions<string[]>> = {}) {
  const dir = await writeKnowledgeDir({ 'faq/a.yaml': simpleFaq('first') });
  cleanups.push(() => removeKnowledgeDir(dir));
  const errors: unknown[] = [];
  const builds: KnowledgeBase[] = [];
  const store = await KnowledgeStore.open<string[]>({
    dir,
    build: (kb) => {
      builds.push(kb);
      return ids(kb);
    },
    onError: (error) => errors.push(error),
    load: (folder) => loadKnowledgeBase(folder, { cwd: folder }),
    watch: false,
    ...options,
  });
  cleanups.push(() => store.close());
  const write = (text: string): Promise<void> => writeFile(path.join(dir, 'faq/a.yaml'), text);
  return { dir, store, errors, builds, write };
}

const BROKEN = lines('entries:', '  - id: first', '    title: ""', '    questions: [q]', '    answer: a');

describe('KnowledgeStore', () => {
  it('serves the value built from the first load', async () => {
    const { store } = await openStore();
    expect(store.current()).toEqual(['first']);
    expect(store.snapshot().version).toBe(1);
    expect(ids(store.snapshot().knowledgeBase)).toEqual(['first']);
  });

  it('swaps knowledge base and value together on a good edit', async () => {
    const reloads: KnowledgeSnapshot<string[]>[] = [];
    const { store, write } = await openStore({ onReload: (snapshot) => reloads.push(snapshot) });
    await write(simpleFaq('first', 'second'));

    const result = await store.reload();

    expect(result.kind).toBe('swapped');
    expect(store.current()).toEqual(['first', 'second']);
    expect(store.snapshot().version).toBe(2);
    expect(ids(store.snapshot().knowledgeBase)).toEqual(['first', 'second']);
    expect(reloads.map((snapshot) => snapshot.value)).toEqual([['first', 'second']]);
  });

  it('says a reload started as soon as it sees changed knowledge, before building, and how long the reload took', async () => {
    const events: string[] = [];
    const timings: number[] = [];
    const { store, write } = await openStore({
      build: (kb) => {
        events.push(`build ${ids(kb).join(',')}`);
        return ids(kb);
      },
      onReloading: (kb) => events.push(`reloading ${ids(kb).join(',')}`),
      onReload: (snapshot, { ms }) => {
        events.push(`reloaded v${snapshot.version}`);
        timings.push(ms);
      },
    });
    events.length = 0;
    await store.reload();
    expect(events).toEqual([]);

    await write(simpleFaq('first', 'second'));
    await store.reload();

    expect(events).toEqual(['reloading first,second', 'build first,second', 'reloaded v2']);
    expect(timings).toHaveLength(1);
    expect(timings[0]).toBeGreaterThan(0);
  });

  it('keeps the last good knowledge on a bad edit and reports the problems', async () => {
    const { store, write, errors } = await openStore();
    await write(BROKEN);

    const result = await store.reload();

    expect(result.kind).toBe('failed');
    expect(store.current()).toEqual(['first']);
    expect(store.snapshot().version).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(KnowledgeValidationError);
    expect((errors[0] as KnowledgeValidationError).problems).toEqual([
      'faq/a.yaml:3:5: entries[0].title: must not be empty',
    ]);
  });

  it('swaps again once the bad edit is fixed', async () => {
    const { store, write } = await openStore();
    await write(BROKEN);
    await store.reload();
    await write(simpleFaq('first', 'fixed'));

    expect((await store.reload()).kind).toBe('swapped');
    expect(store.current()).toEqual(['first', 'fixed']);
  });

  it('swaps on a reload after the out-of-scope examples changed', async () => {
    const { store, dir, builds } = await openStore();
    await writeFile(path.join(dir, 'out-of-scope.yaml'), lines('examples:', '  - Tell me a joke'));

    expect((await store.reload()).kind).toBe('swapped');
    expect(store.snapshot().knowledgeBase.outOfScope).toEqual(['Tell me a joke']);
    expect(builds.map((kb) => kb.outOfScope)).toEqual([[], ['Tell me a joke']]);
  });

  it('keeps the last good value when building the new one fails', async () => {
    const buildError = new Error('matcher training failed');
    const { store, write, errors } = await openStore({
      build: (kb) => {
        if (kb.entries.length > 1) throw buildError;
        return ids(kb);
      },
    });
    await write(simpleFaq('first', 'second'));

    expect(await store.reload()).toEqual({ kind: 'failed', error: buildError });
    expect(store.current()).toEqual(['first']);
    expect(ids(store.snapshot().knowledgeBase)).toEqual(['first']);
    expect(errors).toEqual([buildError]);
  });

  it('does not rebuild when the files load to the same knowledge', async () => {
    const { store, builds } = await openStore();
    expect((await store.reload()).kind).toBe('unchanged');
    expect(builds).toHaveLength(1);
  });

  it('shares one reload between calls made while it is waiting to start', async () => {
    const { store, write, builds } = await openStore();
    await write(simpleFaq('first', 'second'));
    const [a, b] = [store.reload(), store.reload()];
    expect(a).toBe(b);
    await a;
    expect(builds).toHaveLength(2);
  });

  it('survives an onError listener that throws', async () => {
    const { store, write } = await openStore({
      onError: () => {
        throw new Error('listener bug');
      },
    });
    await write(BROKEN);
    expect((await store.reload()).kind).toBe('failed');
    expect(store.current()).toEqual(['first']);
  });

  it('refuses to open when the first load is invalid, having nothing good to serve', async () => {
    const dir = await writeKnowledgeDir({ 'faq/a.yaml': BROKEN });
    cleanups.push(() => removeKnowledgeDir(dir));
    await expect(KnowledgeStore.open({ dir, build: ids, watch: false })).rejects.toBeInstanceOf(
      KnowledgeValidationError,
    );
  });

  it('reloads by itself when a watched file changes, and keeps the last good on a bad change', async () => {
    let onReload: (snapshot: KnowledgeSnapshot<string[]>) => void = () => undefined;
    let onError: (error: unknown) => void = () => undefined;
    const { store, write, dir } = await openStore({
      watch: true,
      debounceMs: 50,
      onReload: (snapshot) => onReload(snapshot),
      onError: (error) => onError(error),
    });

    const reloaded = new Promise<KnowledgeSnapshot<string[]>>((resolve) => (onReload = resolve));
    await writeFile(path.join(dir, 'faq/new.yaml'), simpleFaq('added'));
    expect((await reloaded).value).toEqual(['first', 'added']);

    const failed = new Promise<unknown>((resolve) => (onError = resolve));
    await write(BROKEN);
    expect(await failed).toBeInstanceOf(KnowledgeValidationError);
    expect(store.current()).toEqual(['first', 'added']);
  });

  it('reloads by itself when out-of-scope.yaml is saved', async () => {
    let onReload: (snapshot: KnowledgeSnapshot<string[]>) => void = () => undefined;
    const { dir } = await openStore({ watch: true, debounceMs: 50, onReload: (snapshot) => onReload(snapshot) });

    const reloaded = new Promise<KnowledgeSnapshot<string[]>>((resolve) => (onReload = resolve));
    await writeFile(path.join(dir, 'out-of-scope.yaml'), lines('examples:', '  - Tell me a joke'));
    expect((await reloaded).knowledgeBase.outOfScope).toEqual(['Tell me a joke']);
  });
});
