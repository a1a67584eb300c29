import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeBase, Responses } from './knowledge-base.ts';
import { crossCheckKnowledge } from './knowledge-cross-check.ts';
import type { KnowledgeEntry } from './knowledge-entry.ts';
import { compileSchemaCheck } from './knowledge-schema-check.ts';
import { KnowledgeValidationError } from './knowledge-validation-error.ts';
import type { KnowledgeProblem } from './knowledge-validation-error.ts';
import { parseYamlSource } from './knowledge-yaml-source.ts';
import type { YamlSource } from './knowledge-yaml-source.ts';

/** Options of {@link loadKnowledgeBase}; the defaults suit the CLI and the server. */
export interface LoadKnowledgeOptions {
  /** Paths in messages are relative to this folder when inside it (default: the process's cwd). */
  readonly cwd?: string;
  /**
   * Folder holding `faq.schema.json`, `responses.schema.json` and `out-of-scope.schema.json`.
   * Defaults to this install's `knowledge/schema/`, so a knowledge folder elsewhere cannot loosen
   * the rules.
   */
  readonly schemaDir?: string;
}

/** This install's `knowledge/schema/`: the schemas `loadKnowledgeBase` validates with unless told otherwise. */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../knowledge/schema/', import.meta.url));
const YAML_FILE = /\.ya?ml$/i;

/**
 * Loads and validates the knowledge folder `dir`: every `faq/**\/*.yaml|yml` file (other
 * folders are not read), `responses.yaml`, and `out-of-scope.yaml` when it exists (it is
 * optional: without it there are no out-of-scope examples).
 *
 * @returns the knowledge base, entries in file order with defaults applied, out-of-scope
 * examples trimmed in file order.
 * @throws KnowledgeValidationError listing every problem in every file at once, each as
 * `file:LINE:COL: field: message`, sorted by file and position.
 * @example
 * const kb = await loadKnowledgeBase('knowledge');
 */
export async function loadKnowledgeBase(dir: string, options: LoadKnowledgeOptions = {}): Promise<KnowledgeBase> {
  const cwd = options.cwd ?? process.cwd();
  const show = (absolute: string): string => displayPath(cwd, absolute);
  const schemaDir = options.schemaDir ?? DEFAULT_SCHEMA_DIR;
  const [checkFaq, checkResponses, checkOutOfScope] = await Promise.all([
    compileSchemaCheck(path.join(schemaDir, 'faq.schema.json')),
    compileSchemaCheck(path.join(schemaDir, 'responses.schema.json')),
    compileSchemaCheck(path.join(schemaDir, 'out-of-scope.schema.json')),
  ]);

  const root = path.resolve(dir);
  const faqDir = path.join(root, 'faq');
  const responsesFile = path.join(root, 'responses.yaml');
  const outOfScopeFile = path.join(root, 'out-of-scope.yaml');
  const problems: KnowledgeProblem[] = [];

  if (!(await isDirectory(root))) {
    throw new KnowledgeValidationError([{ file: show(root), message: 'knowledge folder not found' }]);
  }

  const faqFiles = (await isDirectory(faqDir)) ? await listYamlFiles(faqDir) : undefined;
  if (faqFiles === undefined) {
    problems.push({ file: show(faqDir), message: 'folder not found; FAQ files go in knowledge/faq/' });
  } else if (faqFiles.length === 0) {
    problems.push({ file: show(faqDir), message: 'no FAQ files (.yaml or .yml) found; the bot would have nothing to answer' });
  }

  const faqSources: YamlSource[] = [];
  for (const file of faqFiles ?? []) {
    const source = await readSource(file, show, problems);
    if (source === undefined) continue;
    faqSources.push(source);
    problems.push(...checkFaq(source));
  }
  const allFaqFilesParsed = faqSources.length === (faqFiles ?? []).length;

  let responses: YamlSource | undefined;
  if (await exists(responsesFile)) {
    responses = await readSource(responsesFile, show, problems);
    if (responses !== undefined) problems.push(...checkResponses(responses));
  } else {
    problems.push({ file: show(responsesFile), message: "file not found; it holds the bot's wording (see knowledge/README.md)" });
  }

  // Optional: without it the bot simply has no out-of-scope examples, which is not a problem.
  const outOfScopePresent = await exists(outOfScopeFile);
  let outOfScope: YamlSource | undefined;
  if (outOfScopePresent) {
    outOfScope = await readSource(outOfScopeFile, show, problems);
    if (outOfScope !== undefined) problems.push(...checkOutOfScope(outOfScope));
  }

  problems.push(...crossCheckKnowledge({ faqSources, responses, outOfScope, allFaqFilesParsed }));
  if (allFaqFilesParsed && faqSources.length > 0 && !faqSources.some(hasEnabledEntry)) {
    problems.push({ file: show(faqDir), message: 'no entry is switched on; the bot would have nothing to answer' });
  }
  if (problems.length > 0) throw new KnowledgeValidationError(problems);

  // Every file passed its schema check, so the data has the shape the schemas describe.
  const entries = faqSources.flatMap((source) => (source.data as { entries: RawEntry[] }).entries.map(toEntry));
  const raw = (responses?.data as { responses: Responses }).responses;
  const examples = (outOfScope?.data as { examples: string[] } | undefined)?.examples ?? [];
  return {
    entries,
    responses: { ...raw, popularTopics: raw.popularTopics ?? [] },
    outOfScope: examples.map((example) => example.trim()),
    files: [
      ...faqSources.map((source) => source.file),
      show(responsesFile),
      ...(outOfScopePresent ? [show(outOfScopeFile)] : []),
    ],
  };
}

interface RawEntry {
  id: string;
  title: string;
  questions: string[];
  answer: string;
  tags?: string[];
  followUps?: string[];
  escalate?: boolean;
  enabled?: boolean;
}

function hasEnabledEntry(source: YamlSource): boolean {
  const entries = (source.data as { entries?: unknown } | null)?.entries;
  return Array.isArray(entries) && entries.some((entry: unknown) => (entry as { enabled?: unknown } | null)?.enabled !== false);
}

function toEntry(raw: RawEntry): KnowledgeEntry {
  return {
    id: raw.id,
    title: raw.title,
    questions: raw.questions,
    answer: raw.answer,
    tags: raw.tags ?? [],
    followUps: raw.followUps ?? [],
    escalate: raw.escalate ?? false,
    enabled: raw.enabled ?? true,
  };
}

async function readSource(
  file: string,
  show: (absolute: string) => string,
  problems: KnowledgeProblem[],
): Promise<YamlSource | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    problems.push({ file: show(file), message: `cannot be read (${error instanceof Error ? error.message : String(error)})` });
    return undefined;
  }
  const parsed = parseYamlSource(show(file), text);
  if (parsed.kind === 'syntax-error') {
    problems.push(...parsed.problems);
    return undefined;
  }
  return parsed.source;
}

/** Every `.yaml`/`.yml` file below `dir`, sorted by path; hidden files and folders are skipped. */
async function listYamlFiles(dir: string): Promise<string[]> {
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

function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === '') return '.';
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return shown.split(path.sep).join('/');
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined)) !== undefined;
}
