import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from './files/knowledge.loader.ts';
import type { KnowledgeBase } from './knowledge-base.ts';

/** A knowledge base together with the value built from it; swapped as one. */
export interface KnowledgeSnapshot<T, K extends KnowledgeBase = KnowledgeBase> {
  readonly knowledgeBase: K;
  readonly value: T;
  /** 1 for the first load, +1 at every swap. */
  readonly version: number;
}

/** What one reload did. `failed` kept the previous snapshot. */
export type KnowledgeReloadResult<T, K extends KnowledgeBase = KnowledgeBase> =
  | { readonly kind: 'swapped'; readonly snapshot: KnowledgeSnapshot<T, K> }
  | { readonly kind: 'unchanged'; readonly snapshot: KnowledgeSnapshot<T, K> }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Options of {@link KnowledgeStore.open}. `K` is what `load` reads from the folder: the FAQ side
 * (`KnowledgeBase`, read by `loadKnowledgeBase` by default) or more (the app loads the whole folder,
 * sentiment and complaint files included, and must then say how).
 */
export type KnowledgeStoreOptions<T, K extends KnowledgeBase = KnowledgeBase> = KnowledgeStoreSettings<T, K> &
  ([KnowledgeBase] extends [K]
    ? { readonly load?: (dir: string) => Promise<K> }
    : { readonly load: (dir: string) => Promise<K> });

/** The options of {@link KnowledgeStore.open} besides `load`. */
export interface KnowledgeStoreSettings<T, K extends KnowledgeBase> {
  /** The knowledge folder (with `faq/` and `responses.yaml`). */
  readonly dir: string;
  /** Builds the derived value (e.g. the matcher); a throw or rejection counts as a failed reload. */
  readonly build: (knowledgeBase: K) => T | Promise<T>;
  /** Told about every failed reload (usually a `KnowledgeValidationError`) and watcher error. */
  readonly onError?: (error: unknown) => void;
  /**
   * Told as soon as a reload found changed knowledge, before the (possibly long) build starts;
   * the previous snapshot is served until `onReload` (or `onError`).
   */
  readonly onReloading?: (knowledgeBase: K) => void;
  /** Told after every swap, with how long loading and building took. */
  readonly onReload?: (snapshot: KnowledgeSnapshot<T, K>, timing: { readonly ms: number }) => void;
  /** Watch `dir` and reload on changes (default true). */
  readonly watch?: boolean;
  /** Quiet time after the last change before reloading (default 300 ms): editors write in bursts. */
  readonly debounceMs?: number;
  /** Wait before watching again after the watcher failed, e.g. the folder was replaced (default 5 s). */
  readonly rewatchMs?: number;
}

/**
 * Holds the current knowledge base and a value built from it, and hot-reloads both when the
 * files change. A reload swaps the snapshot atomically and only when loading and building both
 * succeed; otherwise the last good snapshot stays and `onError` hears why. Until the swap, the
 * previous snapshot is served: give an asynchronous `build` that does its heavy work elsewhere
 * (the app trains in a worker thread, see `KnowledgeTrainer`) and turns keep flowing meanwhile.
 * Reloads run one at a time; the store never throws from a watcher or a reload.
 *
 * @example
 * const store = await KnowledgeStore.open({ dir: 'knowledge', build: (kb) => createMatcher(kb), onError: log });
 * store.current().match('where is my parcel');
 * await store.close();
 */
export class KnowledgeStore<T, K extends KnowledgeBase = KnowledgeBase> {
  readonly #options: KnowledgeStoreSettings<T, K>;
  readonly #load: (dir: string) => Promise<K>;
  #snapshot: KnowledgeSnapshot<T, K>;
  #queue: Promise<unknown> = Promise.resolve();
  #pending: Promise<KnowledgeReloadResult<T, K>> | undefined;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(
    options: KnowledgeStoreSettings<T, K>,
    load: (dir: string) => Promise<K>,
    snapshot: KnowledgeSnapshot<T, K>,
  ) {
    this.#options = options;
    this.#load = load;
    this.#snapshot = snapshot;
  }

  /**
   * Loads and builds the first snapshot and starts watching.
   * @throws whatever the first load or build throws (e.g. `KnowledgeValidationError`): with no
   * good knowledge yet there is nothing to fall back on.
   */
  static async open<T, K extends KnowledgeBase = KnowledgeBase>(
    options: KnowledgeStoreOptions<T, K>,
  ): Promise<KnowledgeStore<T, K>> {
    // The options type requires `load` unless K is exactly KnowledgeBase, which the default loads.
    const load = options.load ?? ((dir: string) => loadKnowledgeBase(dir) as Promise<K>);
    const knowledgeBase = await load(options.dir);
    const value = await options.build(knowledgeBase);
    const store = new KnowledgeStore<T, K>(options, load, { knowledgeBase, value, version: 1 });
    if (options.watch ?? true) store.#startWatching();
    return store;
  }

  /** The current derived value. */
  current(): T {
    return this.#snapshot.value;
  }

  /** The current knowledge base and derived value, from the same load. */
  snapshot(): KnowledgeSnapshot<T, K> {
    return this.#snapshot;
  }

  /**
   * Reloads now (after any reload in progress). Calls made while one is already waiting share
   * it, since it will read the latest files anyway. Never rejects.
   */
  reload(): Promise<KnowledgeReloadResult<T, K>> {
    if (this.#pending !== undefined) return this.#pending;
    const run = this.#queue.then(() => {
      this.#pending = undefined;
      return this.#reloadNow();
    });
    this.#pending = run;
    this.#queue = run;
    return run;
  }

  /** Stops watching and waits for a reload in progress to finish. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
    await this.#queue;
  }

  async #reloadNow(): Promise<KnowledgeReloadResult<T, K>> {
    const started = performance.now();
    try {
      const knowledgeBase = await this.#load(this.#options.dir);
      // Editors touch files without changing them; rebuilding (retraining a matcher) is wasted work.
      if (sameKnowledge(knowledgeBase, this.#snapshot.knowledgeBase)) {
        return { kind: 'unchanged', snapshot: this.#snapshot };
      }
      this.#notify(() => this.#options.onReloading?.(knowledgeBase));
      const value = await this.#options.build(knowledgeBase);
      const snapshot = { knowledgeBase, value, version: this.#snapshot.version + 1 };
      this.#snapshot = snapshot;
      const ms = performance.now() - started;
      this.#notify(() => this.#options.onReload?.(snapshot, { ms }));
      return { kind: 'swapped', snapshot };
    } catch (error) {
      this.#report(error);
      return { kind: 'failed', error };
    }
  }

  #startWatching(): void {
    if (this.#closed) return;
    try {
      const watcher = watch(this.#options.dir, { recursive: true }, (_event, filename) => {
        if (isKnowledgeFile(filename)) this.#schedule(this.#options.debounceMs ?? 300, () => void this.reload());
      });
      watcher.on('error', (error) => {
        this.#report(error);
        watcher.close();
        if (this.#watcher === watcher) this.#watcher = undefined;
        this.#schedule(this.#options.rewatchMs ?? 5000, () => {
          this.#startWatching();
          void this.reload();
        });
      });
      this.#watcher = watcher;
    } catch (error) {
      this.#report(error);
      this.#schedule(this.#options.rewatchMs ?? 5000, () => this.#startWatching());
    }
  }

  #schedule(delayMs: number, action: () => void): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(action, delayMs);
  }

  #report(error: unknown): void {
    this.#notify(() => this.#options.onError?.(error));
  }

  #notify(callback: () => void): void {
    try {
      callback();
    } catch {
      // A throwing listener must not take the server down, and there is nobody left to tell.
    }
  }
}

/**
 * Every file in the folder counts (FAQ, wording, sentiment, complaints, schemas), except hidden
 * ones: editors write lock and backup files (`.#orders.yaml`, `.orders.yaml.swp`) on every keystroke.
 */
function isKnowledgeFile(filename: string | Buffer | null): boolean {
  if (filename === null) return true;
  return !filename
    .toString()
    .split(path.sep)
    .some((part) => part.startsWith('.'));
}

/** Equal content, Maps and Sets (the sentiment lexicon, complaint cues) compared by their entries. */
function sameKnowledge(a: unknown, b: unknown): boolean {
  const replacer = (_key: string, value: unknown): unknown =>
    value instanceof Map ? { map: [...value] } : value instanceof Set ? { set: [...value] } : value;
  return JSON.stringify(a, replacer) === JSON.stringify(b, replacer);
}
