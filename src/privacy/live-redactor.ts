import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { KnowledgeFileReader } from '../knowledge/files/knowledge-file-reader.ts';
import { KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import type { BuiltInRedactionType, Redaction, TextRedactor } from './redaction.ts';
import { REDACTION_PATTERNS_FILE, readRedactionPatterns } from './redaction-patterns.loader.ts';
import { Redactor } from './redactor.ts';

/** What a {@link LiveRedactor} reports about the patterns file. */
export interface LiveRedactorEvents {
  /** A change was invalid: the last good patterns stay in use. */
  readonly onError?: (error: unknown) => void;
  readonly onReload?: (patterns: number) => void;
}

/**
 * The process's one redactor: the built-in types enabled by `REDACTION_TYPES` plus the admins'
 * patterns of `knowledge/redaction.yaml`, reloaded when that file changes. A bad edit keeps the
 * last good patterns (like every knowledge file); until {@link load} runs, only the built-in
 * types apply, so the logger can hold it from the first line.
 */
export class LiveRedactor implements TextRedactor {
  #current: Redactor;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #file: string | undefined;

  constructor(readonly types: readonly BuiltInRedactionType[]) {
    this.#current = new Redactor(types);
  }

  redact(text: string): Redaction {
    return this.#current.redact(text);
  }

  /**
   * Loads the patterns file of `knowledgeDir` and (unless `watch` is false) reloads it on change.
   * @throws KnowledgeValidationError when the file is invalid at start (no good patterns yet).
   */
  async load(knowledgeDir: string, events: LiveRedactorEvents = {}, watchFile = true): Promise<void> {
    this.#file = path.join(knowledgeDir, REDACTION_PATTERNS_FILE);
    await this.reload();
    if (!watchFile) return;
    try {
      this.#watcher = watch(knowledgeDir, (_event, name) => {
        if (name !== REDACTION_PATTERNS_FILE) return;
        clearTimeout(this.#timer);
        // Editors save in several writes; read once they are done.
        this.#timer = setTimeout(() => {
          this.reload().then(
            (patterns) => events.onReload?.(patterns),
            (error: unknown) => events.onError?.(error),
          );
        }, 150);
      });
      this.#watcher.on('error', (error) => events.onError?.(error));
    } catch (error) {
      events.onError?.(error);
    }
  }

  /**
   * Reads the patterns file again; returns how many patterns are now in use.
   * @throws KnowledgeValidationError (the previous patterns stay).
   */
  async reload(): Promise<number> {
    if (this.#file === undefined) return 0;
    const checked = await readRedactionPatterns(this.#file, new KnowledgeFileReader());
    if (checked.kind === 'invalid') throw new KnowledgeValidationError(checked.problems);
    this.#current = new Redactor(this.types, checked.value);
    return checked.value.length;
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
  }
}
