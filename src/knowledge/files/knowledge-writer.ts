import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { didYouMean } from './knowledge-did-you-mean.ts';
import { DEFAULT_SCHEMA_DIR, KnowledgeFileReader } from './knowledge-file-reader.ts';
import { contentHash, type FileHashes } from './knowledge-writer-baseline.ts';
import {
  appendEntry,
  appendToSequence,
  type NewFaqEntry,
  newExamplesFile,
  newFaqFile,
  type TextEdit,
} from './knowledge-writer-edits.ts';
import { clean, entryIn, readMaybe, split, stringsAt, unique } from './knowledge-writer-lookup.ts';
import { KnowledgeWriteRefusedError } from './knowledge-writer-refused.error.ts';
import { KnowledgeFileStaleError } from './knowledge-writer-stale.error.ts';
import { KnowledgeEntryNotFoundError } from './knowledge-writer-unknown-entry.error.ts';
import { problemsIfWritten, type ValidateKnowledgeFolder } from './knowledge-writer-validation.ts';
import { parseYamlSource } from './knowledge-yaml-source.ts';

/** What to write: phrasings into an entry, a new entry, or out-of-scope examples. */
export type KnowledgeEdit =
  | { readonly kind: 'add-phrasings'; readonly entryId: string; readonly phrasings: readonly string[] }
  /** `besideEntryId`: put the new entry in the file of this (related) entry; else `faq/learned.yaml`. */
  | { readonly kind: 'new-entry'; readonly entry: NewFaqEntry; readonly besideEntryId?: string | null }
  | { readonly kind: 'out-of-scope'; readonly phrasings: readonly string[] };

/** What a write did. */
export interface KnowledgeWrite {
  /** The file written (or that already held everything), as the loader shows files. */
  readonly file: string;
  /** 1-based line of the first added phrasing, the new entry's `- id:` line, or the entry when nothing was added. */
  readonly line: number;
  /** The entry written into; null for out-of-scope examples. */
  readonly entryId: string | null;
  /** Phrasings added, in order (whitespace collapsed). */
  readonly added: readonly string[];
  /** Phrasings left out because the entry (or out-of-scope list) already has them. */
  readonly skipped: readonly string[];
}

/** Options of {@link KnowledgeWriter}. */
export interface KnowledgeWriterOptions {
  /** The knowledge folder the server serves. */
  readonly dir: string;
  /** Loads and validates a whole folder (the app's runs in a worker thread). */
  readonly validate: ValidateKnowledgeFolder;
  /** Hashes of the files the served knowledge was loaded from (`KnowledgeFileBaseline.current`); undefined skips the staleness check. */
  readonly served: () => FileHashes | undefined;
  /** Files are shown relative to this folder (default: the process's cwd), as in the loader's problems. */
  readonly cwd?: string;
}

/** The file new entries go to when no related entry names one (created on first use). */
const LEARNED_FAQ_FILE = path.join('faq', 'learned.yaml');
const OUT_OF_SCOPE_FILE = 'out-of-scope.yaml';

/**
 * Writes admins' decisions from the inbox into the knowledge files. Each write:
 * - runs alone (one queue per folder, not per file: the loader's checks span files, so two writes
 *   into different files could each be valid and together not); the file is read again inside it;
 * - refuses a file that changed on disk since the server loaded it and that this writer did not
 *   write ({@link KnowledgeFileStaleError});
 * - edits the text in place (comments, order, formatting and every untouched byte kept: see
 *   `knowledge-writer-edits.ts`);
 * - validates the whole folder with the candidate text exactly as the loader does, and refuses
 *   with the loader's problems ({@link KnowledgeWriteRefusedError}) leaving the file untouched;
 * - writes atomically (a hidden temporary file in the same folder, then a rename).
 * It does not reload the served knowledge: the caller does (the store's watcher would too).
 */
export class KnowledgeWriter {
  readonly #dir: string;
  readonly #options: KnowledgeWriterOptions;
  readonly #reader: KnowledgeFileReader;
  readonly #written = new Map<string, string>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: KnowledgeWriterOptions) {
    this.#options = options;
    this.#dir = path.resolve(options.dir);
    this.#reader = new KnowledgeFileReader({ cwd: options.cwd });
  }

  /** Applies one edit; see the class. Throws the errors named there, and `KnowledgeEntryNotFoundError`. */
  write(edit: KnowledgeEdit): Promise<KnowledgeWrite> {
    const run = this.#queue.then(() => this.#writeNow(edit));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #writeNow(edit: KnowledgeEdit): Promise<KnowledgeWrite> {
    switch (edit.kind) {
      case 'add-phrasings': {
        const { file, text, index, questions } = await this.#findEntry(edit.entryId);
        const { added, skipped } = split(edit.phrasings, questions);
        if (added.length === 0) return this.#nothing(file, text, ['entries', index], edit.entryId, skipped);
        const change = appendToSequence(text, ['entries', index, 'questions'], added);
        return this.#commit(file, text, change, { entryId: edit.entryId, added, skipped });
      }
      case 'new-entry': {
        const file = await this.#newEntryFile(edit.besideEntryId ?? null);
        const text = await this.#readFresh(file);
        const entry = { ...edit.entry, questions: unique(edit.entry.questions.map(clean)) };
        const change = text === undefined ? newFaqFile(this.#header(file, 'faq'), entry) : appendEntry(text, entry);
        return this.#commit(file, text, change, { entryId: entry.id, added: entry.questions, skipped: [] });
      }
      case 'out-of-scope': {
        const file = path.join(this.#dir, OUT_OF_SCOPE_FILE);
        const text = await this.#readFresh(file);
        const examples = text === undefined ? [] : stringsAt(text, ['examples']);
        const { added, skipped } = split(edit.phrasings, examples);
        if (added.length === 0 && text !== undefined) return this.#nothing(file, text, ['examples'], null, skipped);
        const change =
          text === undefined
            ? newExamplesFile(this.#header(file, 'out-of-scope'), added)
            : appendToSequence(text, ['examples'], added);
        return this.#commit(file, text, change, { entryId: null, added, skipped });
      }
    }
  }

  async #commit(
    file: string,
    before: string | undefined,
    change: TextEdit,
    what: Pick<KnowledgeWrite, 'entryId' | 'added' | 'skipped'>,
  ): Promise<KnowledgeWrite> {
    const shown = this.#reader.show(file);
    const problems = await problemsIfWritten(this.#dir, file, change.text, this.#reader, this.#options.validate);
    if (problems.length > 0) throw new KnowledgeWriteRefusedError(shown, problems);
    // The validation took a while: an edit made meanwhile must not be overwritten either.
    if ((await readMaybe(file)) !== before) throw new KnowledgeFileStaleError(shown);
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, change.text, { flag: 'wx' });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    this.#written.set(file, contentHash(change.text));
    return { file: shown, line: change.line, ...what };
  }

  #nothing(
    file: string,
    text: string,
    at: readonly (string | number)[],
    entryId: string | null,
    skipped: readonly string[],
  ): KnowledgeWrite {
    const shown = this.#reader.show(file);
    const parsed = parseYamlSource(shown, text);
    const line = parsed.kind === 'parsed' ? parsed.source.locate(at).line : 1;
    return { file: shown, line, entryId, added: [], skipped };
  }

  /** The file's text (undefined when absent), refusing one changed behind the server's back. */
  async #readFresh(file: string): Promise<string | undefined> {
    const text = await readMaybe(file);
    const served = this.#options.served();
    if (served === undefined) return text;
    const hash = text === undefined ? undefined : contentHash(text);
    if (hash !== served.get(file) && hash !== this.#written.get(file)) {
      throw new KnowledgeFileStaleError(this.#reader.show(file));
    }
    return text;
  }

  async #findEntry(
    entryId: string,
  ): Promise<{ file: string; text: string; index: number; questions: readonly string[] }> {
    for (const file of await this.#faqFiles()) {
      const raw = await readMaybe(file);
      // Parsing every FAQ file on each write would hold the event loop on a large knowledge base.
      if (raw === undefined || !raw.includes(entryId)) continue;
      const found = entryIn(raw, entryId);
      if (found === undefined || 'ids' in found) continue;
      const text = await this.#readFresh(file);
      // Read again after the check: the entry must still be where it was found.
      const again = entryIn(text, entryId);
      if (text === undefined || again === undefined || 'ids' in again)
        throw new KnowledgeFileStaleError(this.#reader.show(file));
      return { file, text, ...again };
    }
    // Only now, on the way to an error, are the other files parsed: for the "did you mean".
    const ids: string[] = [];
    for (const file of await this.#faqFiles()) {
      const found = entryIn(await readMaybe(file), entryId);
      if (found !== undefined && 'ids' in found) ids.push(...found.ids);
    }
    throw new KnowledgeEntryNotFoundError(entryId, didYouMean(entryId, ids));
  }

  async #newEntryFile(besideEntryId: string | null): Promise<string> {
    if (besideEntryId !== null) {
      for (const file of await this.#faqFiles()) {
        const raw = await readMaybe(file);
        const found = raw?.includes(besideEntryId) === true ? entryIn(raw, besideEntryId) : undefined;
        if (found !== undefined && !('ids' in found)) return file;
      }
    }
    return path.join(this.#dir, LEARNED_FAQ_FILE);
  }

  async #faqFiles(): Promise<string[]> {
    return this.#reader.list(path.join(this.#dir, 'faq')).catch(() => []);
  }

  /** A new file's header: the editor's schema hint (relative, as the shipped files have it) and where it came from. */
  #header(file: string, kind: 'faq' | 'out-of-scope'): string[] {
    const schema = path.relative(path.dirname(file), path.join(DEFAULT_SCHEMA_DIR, `${kind}.schema.json`));
    return [
      `yaml-language-server: $schema=${schema.split(path.sep).join('/')}`,
      kind === 'faq'
        ? 'Entries created from the unanswered-questions inbox (admin API). Edit them like any other; move'
        : 'Messages the bot should not answer from the FAQ. Phrasings marked "not our topic" in the inbox are',
      kind === 'faq' ? 'one to another file of faq/ whenever you like.' : 'added here.',
    ];
  }
}
