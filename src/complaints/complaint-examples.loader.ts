import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { pairKey, parseYamlFile, readKnowledgeText, readRootMap } from '../analysis/yaml-file.ts';
import { EXAMPLE_LABELS, NOT_A_COMPLAINT, isExampleLabel } from './complaint-category.ts';
import type { ComplaintExample } from './complaint-example.ts';
import { ComplaintKnowledgeError } from './complaint-knowledge.error.ts';

/** Longest example text accepted; longer texts are almost always a paste mistake. */
export const MAX_EXAMPLE_CHARS = 1_000;

const EXAMPLE_KEYS = ['text', 'category'] as const;

/**
 * Loads every `*.yaml` file in `dir` (sorted by name), each `examples: [{ text, category }]`.
 * Throws `ComplaintKnowledgeError` listing every problem in every file, each located as
 * `file:line:column: field: message`.
 */
export async function loadComplaintExamples(dir: string): Promise<ComplaintExample[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort();
  } catch {
    throw new ComplaintKnowledgeError([`${dir}: examples folder not found or unreadable`]);
  }
  const reads = await Promise.all(names.map(async (name) => ({ file: join(dir, name), read: await readKnowledgeText(join(dir, name)) })));
  const problems = reads.flatMap(({ read }) => ('problem' in read ? [read.problem] : []));
  if (problems.length > 0) throw new ComplaintKnowledgeError(problems);
  return parseComplaintExamples(reads.flatMap(({ file, read }) => ('text' in read ? [{ file, text: read.text }] : [])));
}

/** Validates already-read example files; the pure core of `loadComplaintExamples`. */
export function parseComplaintExamples(files: readonly { file: string; text: string }[]): ComplaintExample[] {
  const problems: string[] = [];
  const examples: ComplaintExample[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of files) {
    for (const example of parseFile(file, text, problems)) {
      const key = example.text.toLowerCase().replace(/\s+/g, ' ').trim();
      const first = seen.get(key);
      if (first !== undefined) problems.push(`${example.source}: text: duplicate of the example at ${first}`);
      else {
        seen.set(key, example.source);
        examples.push(example);
      }
    }
  }
  if (problems.length === 0 && !(examples.some((e) => e.label === NOT_A_COMPLAINT) && examples.some((e) => e.label !== NOT_A_COMPLAINT))) {
    problems.push(`${files[0]?.file ?? '(no example files)'}: examples: need at least one complaint and one "${NOT_A_COMPLAINT}" example`);
  }
  if (problems.length > 0) throw new ComplaintKnowledgeError(problems);
  return examples;
}

function parseFile(file: string, text: string, problems: string[]): ComplaintExample[] {
  const yaml = parseYamlFile(file, text);
  if (yaml.syntaxProblems.length > 0) {
    problems.push(...yaml.syntaxProblems);
    return [];
  }
  const list = readRootMap(yaml, ['examples'], ['examples'], problems).get('examples')?.value as Node | null | undefined;
  if (list === undefined) return [];
  if (!isSeq(list)) {
    problems.push(`${yaml.at(list)}: examples: expected a list of { text, category }`);
    return [];
  }
  const examples: ComplaintExample[] = [];
  list.items.forEach((item, index) => {
    const field = `examples[${index}]`;
    const where = yaml.at(item as Node);
    if (!isMap(item)) {
      problems.push(`${where}: ${field}: expected { text, category }`);
      return;
    }
    let exampleText: string | null = null;
    let label: string | null = null;
    for (const pair of item.items) {
      const key = pairKey(pair);
      const value: unknown = isScalar(pair.value) ? pair.value.value : undefined;
      const at = yaml.at((pair.value as Node | null) ?? (pair.key as Node));
      if (key === 'text') {
        if (typeof value !== 'string' || value.trim() === '') problems.push(`${at}: ${field}.text: must be a non-empty string`);
        else if (value.length > MAX_EXAMPLE_CHARS) problems.push(`${at}: ${field}.text: longer than ${MAX_EXAMPLE_CHARS} characters`);
        else exampleText = value.trim();
      } else if (key === 'category') {
        if (typeof value !== 'string' || !isExampleLabel(value)) problems.push(`${at}: ${field}.category: must be one of ${EXAMPLE_LABELS.join(', ')}`);
        else label = value;
      } else {
        problems.push(`${yaml.at(pair.key as Node)}: ${field}.${key ?? '(key)'}: unknown key; expected ${EXAMPLE_KEYS.join(', ')}`);
      }
    }
    for (const required of EXAMPLE_KEYS) {
      if (!item.items.some((pair) => pairKey(pair) === required)) problems.push(`${where}: ${field}.${required}: required key is missing`);
    }
    if (exampleText !== null && label !== null && isExampleLabel(label)) examples.push({ text: exampleText, label, source: where });
  });
  return examples;
}
