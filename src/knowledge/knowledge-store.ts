import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import path from 'node:path';
import type { KnowledgeBase } from './knowledge-base.ts';
import { loadKnowledgeBase } from './knowledge-loader.ts';

/** A knowledge base together with the value built from it; swapped as one. */
export interface KnowledgeSnapshot<T> {
  readonly knowledgeBase: KnowledgeBase;
  readonly value: T;
  /** 1 for the first load, +1 at every swap. */
  readonly version: number;
}

/** What one reload did. `failed` kept the previous snapshot. */
export type KnowledgeReloadResult<T> =
  | { readonly kind: 'swapped'; readonly snapshot: KnowledgeSnapshot<T> }
  | { readonly kind: 'unchanged'; readonly snapshot: KnowledgeSnapshot<T> }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Options of {@link KnowledgeStore.open}. */
export interface KnowledgeStoreOptions<T> {
  /** The knowledge folder (with `faq/` and `responses.yaml`). */
  readonly dir: string;
  /** Builds the derived value (e.g. the matcher); a throw or rejection counts as a failed reload. */
  readonly build: (knowledgeBase: KnowledgeBase) => T | Promise<T>;
  /** Told about every failed reload (usually a `KnowledgeValidationError`) and watcher error. */
  readonly onError?: (error: unknown) => void;
  /**
   * Told as soon as a reload found changed knowledge, before the (possibly long) build starts;
   * the previous snapshot is served until `onReload` (or `onError`).
   */
  readonly onReloading?: (knowledgeBase: KnowledgeBase) => void;
  /** Told after every swap, with how long loading and building took. */
  readonly onReload?: (snapshot: KnowledgeSnapshot<T>, timing: { readonly ms: number }) => void;
  /** Watch `dir` and reload on changes (default true). */
  readonly watch?: boolean;
  /** Quiet time after the last change before reloading (default 300 ms): editors write in bursts. */
  readonly debounceMs?: number;
  /** Wait before watching again after the watcher failed, e.g. the folder was replaced (default 5 s). */
  readonly rewatchMs?: number;
  /** Loads the folder (default {@link loadKnowledgeBase}); tests may pass a fake. */
  readonly load?: (dir: string) => Promise<KnowledgeBase>;
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
export class KnowledgeStore<T> {
  readonly #options: KnowledgeStoreOptions<T>;
  readonly #load: (dir: string) => Promise<KnowledgeBase>;
  #snapshot: KnowledgeSnapshot<T>;
  #queue: Promise<unknown> = Promise.resolve();
  #pending: Promise<KnowledgeReloadResult<T>> | undefined;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(options: KnowledgeStoreOptions<T>, snapshot: KnowledgeSnapshot<T>) {
    this.#options = options;
    this.#load = options.load ?? ((dir) => loadKnowledgeBase(dir));
    this.#snapshot = snapshot;
  }

  /**
   * Loads and builds the first snapshot and starts watching.
   * @throws whatever the first load or build throws (e.g. `KnowledgeValidationError`): with no
   * good knowledge yet there is nothing to fall back on.
   */
  static async open<T>(options: KnowledgeStoreOptions<T>): Promise<KnowledgeStore<T>> {
    const knowledgeBase = await (options.load ?? ((dir) => loadKnowledgeBase(dir)))(options.dir);
    const value = await options.build(knowledgeBase);
    const store = new KnowledgeStore(options, { knowledgeBase, value, version: 1 });
    if (options.watch ?? true) store.#startWatching();
    return store;
  }

  /** The current derived value. */
  current(): T {
    return this.#snapshot.value;
  }

  /** The current knowledge base and derived value, from the same load. */
  snapshot(): KnowledgeSnapshot<T> {
    return this.#snapshot;
  }

  /**
   * Reloads now (after any reload in progress). Calls made while one is already waiting share
   * it, since it will read the latest files anyway. Never rejects.
   */
  reload(): Promise<KnowledgeReloadResult<T>> {
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

  async #reloadNow(): Promise<KnowledgeReloadResult<T>> {
    const started = performance.now();
    try {
      const knowledgeBase = await this.#load(this.#options.dir);
      // Editors touch files without changing them; rebuilding (retraining a matcher) is wasted work.
      if (JSON.stringify(knowledgeBase) === JSON.stringify(this.#snapshot.knowledgeBase)) {
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

/** FAQ files and the responses file matter; other folders (sentiment, complaints) do not. */
function isKnowledgeFile(filename: string | Buffer | null): boolean {
  if (filename === null) return true;
  const parts = filename.toString().split(path.sep);
  return parts[0] === 'faq' || (parts.length === 1 && (parts[0] === 'responses.yaml' || parts[0] === 'out-of-scope.yaml'));
}
