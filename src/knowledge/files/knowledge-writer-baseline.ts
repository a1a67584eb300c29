import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeFileReader } from './knowledge-file-reader.ts';

/** SHA-256 (hex) of the bytes of each YAML file of a knowledge folder, by absolute path. */
export type FileHashes = ReadonlyMap<string, string>;

/** The hash {@link KnowledgeFileBaseline} and the writer compare file contents by. */
export function contentHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * What the served knowledge was loaded from, file by file, so the write-back can tell an edit the
 * server has not loaded (or could not) from what it serves. `track(load)` wraps the knowledge
 * store's loader: every file is hashed *before* it is read, so an edit made during a load leaves
 * the baseline older than the knowledge (a needless 409 until the watcher's reload, never a missed one).
 * Only loads that succeed move the baseline: after an edit that does not validate, the file on disk
 * differs from the baseline until it is fixed.
 *
 * @example
 * const baseline = new KnowledgeFileBaseline();
 * const store = await KnowledgeStore.open({ dir, load: baseline.track(loadKnowledgeFolder), build });
 * baseline.current(); // hashes of the files the served knowledge came from
 */
export class KnowledgeFileBaseline {
  readonly #reader = new KnowledgeFileReader();
  #current: FileHashes | undefined;

  /** `load`, recording the hashes of `dir`'s files whenever it succeeds. */
  track<K>(load: (dir: string) => Promise<K>): (dir: string) => Promise<K> {
    return async (dir) => {
      const hashes = await this.hash(dir);
      const loaded = await load(dir);
      this.#current = hashes;
      return loaded;
    };
  }

  /** The hashes of the last successful load; undefined before one. */
  current(): FileHashes | undefined {
    return this.#current;
  }

  /** Hashes every `.yaml`/`.yml` file below `dir` as the loaders list them (hidden files skipped). */
  async hash(dir: string): Promise<FileHashes> {
    const root = path.resolve(dir);
    const files = await this.#reader.list(root).catch(() => []);
    const hashes = new Map<string, string>();
    for (const file of files) {
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes !== undefined) hashes.set(file, contentHash(bytes));
    }
    return hashes;
  }
}
