import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase, Responses, SmallTalk, SmallTalkTopic } from '../knowledge-base.ts';
import type { KnowledgeEntry } from '../knowledge-entry.ts';
import { crossCheckKnowledge } from './knowledge-cross-check.ts';
import {
  isDirectory,
  type KnowledgeFileKind,
  KnowledgeFileReader,
  type KnowledgeFileReaderOptions,
} from './knowledge-file-reader.ts';
import type { KnowledgeProblem } from './knowledge-validation.error.ts';
import { KnowledgeValidationError } from './knowledge-validation.error.ts';
import type { YamlSource } from './knowledge-yaml-source.ts';

/** Options of {@link loadKnowledgeBase}: where messages are relative to and where the schemas are. */
export type LoadKnowledgeOptions = KnowledgeFileReaderOptions;

/**
 * Loads and validates the FAQ side of the knowledge folder `dir`: every `faq/**\/*.yaml|yml`
 * file, `responses.yaml`, and `out-of-scope.yaml` when it exists (it is optional: without it there
 * are no out-of-scope examples). Sentiment and complaint files are not read here:
 * `loadKnowledgeFolder` (`src/training`) loads the whole folder, this included, for the server
 * and `kb validate`.
 *
 * @returns the knowledge base, entries in file order with defaults applied, out-of-scope
 * examples trimmed in file order.
 * @throws KnowledgeValidationError listing every problem in every file at once, each as
 * `file:LINE:COL: field: message`, sorted by file and position.
 * @example
 * const kb = await loadKnowledgeBase('knowledge');
 */
export async function loadKnowledgeBase(dir: string, options: LoadKnowledgeOptions = {}): Promise<KnowledgeBase> {
  const reader = new KnowledgeFileReader(options);
  const show = (absolute: string): string => reader.show(absolute);
  const problems: KnowledgeProblem[] = [];
  const read = async (file: string, kind: KnowledgeFileKind): Promise<YamlSource | undefined> => {
    const result = await reader.read(file, kind);
    problems.push(...result.problems);
    return result.source;
  };

  const root = path.resolve(dir);
  const faqDir = path.join(root, 'faq');
  const responsesFile = path.join(root, 'responses.yaml');
  const outOfScopeFile = path.join(root, 'out-of-scope.yaml');

  if (!(await isDirectory(root))) {
    throw new KnowledgeValidationError([{ file: show(root), message: 'knowledge folder not found' }]);
  }

  const faqFiles = (await isDirectory(faqDir)) ? await reader.list(faqDir) : undefined;
  if (faqFiles === undefined) {
    problems.push({ file: show(faqDir), message: 'folder not found; FAQ files go in knowledge/faq/' });
  } else if (faqFiles.length === 0) {
    problems.push({
      file: show(faqDir),
      message: 'no FAQ files (.yaml or .yml) found; the bot would have nothing to answer',
    });
  }

  const faqSources: YamlSource[] = [];
  for (const file of faqFiles ?? []) {
    const source = await read(file, 'faq');
    if (source !== undefined) faqSources.push(source);
  }
  const allFaqFilesParsed = faqSources.length === (faqFiles ?? []).length;

  let responses: YamlSource | undefined;
  if (await exists(responsesFile)) {
    responses = await read(responsesFile, 'responses');
  } else {
    problems.push({
      file: show(responsesFile),
      message: "file not found; it holds the bot's wording (see knowledge/README.md)",
    });
  }

  // Optional: without it the bot simply has no out-of-scope examples, which is not a problem.
  const outOfScopePresent = await exists(outOfScopeFile);
  let outOfScope: YamlSource | undefined;
  if (outOfScopePresent) {
    outOfScope = await read(outOfScopeFile, 'out-of-scope');
  }

  problems.push(...crossCheckKnowledge({ faqSources, responses, outOfScope, allFaqFilesParsed }));
  if (allFaqFilesParsed && faqSources.length > 0 && !faqSources.some(hasEnabledEntry)) {
    problems.push({ file: show(faqDir), message: 'no entry is switched on; the bot would have nothing to answer' });
  }
  if (problems.length > 0 || responses === undefined) throw new KnowledgeValidationError(problems);

  // Every file passed its schema check, so the data has the shape the schemas describe.
  const entries = faqSources.flatMap((source) => (source.data as { entries: RawEntry[] }).entries.map(toEntry));
  const raw = (responses.data as { responses: RawResponses }).responses;
  const examples = (outOfScope?.data as { examples: string[] } | undefined)?.examples ?? [];
  return {
    entries,
    responses: {
      ...raw,
      popularTopics: raw.popularTopics ?? [],
      smallTalk: toSmallTalk(raw.smallTalk),
      languages: raw.languages ?? ['en'],
    },
    outOfScope: examples.map((example) => example.trim()),
    files: [
      ...faqSources.map((source) => source.file),
      show(responsesFile),
      ...(outOfScopePresent ? [show(outOfScopeFile)] : []),
    ],
  };
}

/** `responses.yaml` as its schema allows it: the optional parts may be missing. */
type RawResponses = Omit<Responses, 'popularTopics' | 'smallTalk'> & {
  popularTopics?: string[];
  smallTalk?: { fillers?: string[]; topics?: Array<Omit<SmallTalkTopic, 'offerHuman'> & { offerHuman?: boolean }> };
};

function toSmallTalk(raw: RawResponses['smallTalk']): SmallTalk {
  return {
    fillers: raw?.fillers ?? [],
    topics: (raw?.topics ?? []).map((topic) => ({ ...topic, offerHuman: topic.offerHuman ?? false })),
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
  return (
    Array.isArray(entries) &&
    entries.some((entry: unknown) => (entry as { enabled?: unknown } | null)?.enabled !== false)
  );
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

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined)) !== undefined;
}
