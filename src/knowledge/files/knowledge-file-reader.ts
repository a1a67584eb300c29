import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchemaCheck, type SchemaCheck } from './knowledge-schema-check.ts';
import type { KnowledgeProblem } from './knowledge-validation.error.ts';
import { parseYamlSource, type YamlSource } from './knowledge-yaml-source.ts';

/** Every kind of file under `knowledge/`; each has `knowledge/schema/<kind>.schema.json`. */
const KNOWLEDGE_FILE_KINDS = [
  'faq',
  'responses',
  'out-of-scope',
  'sentiment-lexicon',
  'complaint-topic-cues',
  'complaint-severity-cues',
  'complaint-examples',
  'health',
  'redaction',
] as const;

export type KnowledgeFileKind = (typeof KNOWLEDGE_FILE_KINDS)[number];

/** One file read: its data with positions (absent when unreadable or not valid YAML) and every problem found. */
export interface KnowledgeFileRead {
  readonly source: YamlSource | undefined;
  readonly problems: readonly KnowledgeProblem[];
}

/** Options of {@link KnowledgeFileReader}; the defaults suit the CLI and the server. */
export interface KnowledgeFileReaderOptions {
  /** Paths in messages are relative to this folder when inside it (default: the process's cwd). */
  readonly cwd?: string;
  /**
   * Folder holding the `*.schema.json` files. Defaults to this install's `knowledge/schema/`, so
   * a knowledge folder elsewhere cannot loosen the rules.
   */
  readonly schemaDir?: string;
}

/** This install's `knowledge/schema/`: the schemas files are checked against unless told otherwise. */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../../knowledge/schema', import.meta.url));
const YAML_FILE = /\.ya?ml$/i;

/**
 * The one way any file under `knowledge/` is read: YAML parsed with positions (syntax errors worded
 * for admins), checked against the JSON Schema of its kind, every problem as a `KnowledgeProblem`
 * (`file:line:column: field: message`, the file shown relative to `cwd`). Never throws for a bad
 * or missing file: that is a problem in the result. Callers add the checks a schema cannot express
 * (duplicates across files, key shapes) with `source.locate`, in the same shape.
 *
 * @example
 * const reader = new KnowledgeFileReader();
 * const { source, problems } = await reader.read('knowledge/sentiment/lexicon.yaml', 'sentiment-lexicon');
 */
export class KnowledgeFileReader {
  readonly #cwd: string;
  readonly #schemaDir: string;
  readonly #checks = new Map<KnowledgeFileKind, SchemaCheck>();

  constructor(options: KnowledgeFileReaderOptions = {}) {
    this.#cwd = options.cwd ?? process.cwd();
    this.#schemaDir = options.schemaDir ?? DEFAULT_SCHEMA_DIR;
  }

  /** Reads, parses and schema-checks the file at `file`; a missing or unreadable file is one problem. */
  async read(file: string, kind: KnowledgeFileKind): Promise<KnowledgeFileRead> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message =
        code === 'ENOENT'
          ? 'file not found'
          : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
      return { source: undefined, problems: [{ file: this.show(file), message }] };
    }
    return this.parse(this.show(file), text, kind);
  }

  /** Parses and schema-checks text already in memory; `shown` is the file as named in problems. */
  parse(shown: string, text: string, kind: KnowledgeFileKind): KnowledgeFileRead {
    const parsed = parseYamlSource(shown, text);
    if (parsed.kind === 'syntax-error') return { source: undefined, problems: parsed.problems };
    return { source: parsed.source, problems: this.#check(kind)(parsed.source) };
  }

  /** Every `.yaml`/`.yml` file below `dir`, sorted by path; hidden files and folders are skipped. */
  async list(dir: string): Promise<string[]> {
    const found: string[] = [];
    const walk = async (folder: string): Promise<void> => {
      for (const item of await readdir(folder, { withFileTypes: true })) {
        // Editors leave hidden lock and backup files (e.g. `.#orders.yaml`) next to the real ones.
        if (item.name.startsWith('.')) continue;
        const full = path.join(folder, item.name);
        const target = item.isSymbolicLink() ? await stat(full).catch(() => undefined) : item;
        if (target?.isDirectory()) await walk(full);
        else if (target?.isFile() && YAML_FILE.test(item.name)) found.push(full);
      }
    };
    await walk(dir);
    return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** A path as shown in problems: relative to `cwd` when inside it, else absolute; `/` separators. */
  show(file: string): string {
    const absolute = path.resolve(file);
    const relative = path.relative(this.#cwd, absolute);
    if (relative === '') return '.';
    const shown = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
    return shown.split(path.sep).join('/');
  }

  #check(kind: KnowledgeFileKind): SchemaCheck {
    let check = this.#checks.get(kind);
    if (check === undefined) {
      check = compileSchemaCheck(path.join(this.#schemaDir, `${kind}.schema.json`));
      this.#checks.set(kind, check);
    }
    return check;
  }
}

/** Whether `p` is an existing folder. */
export async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
