import { didYouMean } from './knowledge-did-you-mean.ts';
import type { KnowledgeProblem } from './knowledge-validation.error.ts';
import type { YamlPathSegment, YamlSource } from './knowledge-yaml-source.ts';
import { formatYamlPath } from './knowledge-yaml-source.ts';

interface Located {
  readonly value: string;
  readonly source: YamlSource;
  readonly path: readonly YamlPathSegment[];
}

interface LooseEntry {
  readonly id: Located | undefined;
  readonly enabled: boolean;
  readonly questions: readonly Located[];
  readonly followUps: readonly Located[];
}

/** What the checks across files need to know about the files they look at. */
export interface CrossCheckInput {
  readonly faqSources: readonly YamlSource[];
  readonly responses: YamlSource | undefined;
  /** `out-of-scope.yaml`; undefined when the file is absent or could not be parsed. */
  readonly outOfScope: YamlSource | undefined;
  /**
   * False when some FAQ file could not be parsed: its ids are unknown, so "no entry has this
   * id" would be a false alarm and is not reported until the file parses again.
   */
  readonly allFaqFilesParsed: boolean;
}

/**
 * Checks that need all files at once: duplicate ids (reported once, naming every copy), follow-ups and
 * popular topics that name no enabled entry, the same question under two entries or twice in
 * one entry, and out-of-scope examples listed twice or phrased like a question of any entry
 * (reported at both). Reads the data loosely, so it also finds these in files with structural
 * problems (those are the schema check's job).
 */
export function crossCheckKnowledge(input: CrossCheckInput): KnowledgeProblem[] {
  const entries = input.faqSources.flatMap(looseEntries);
  const problems = [
    ...duplicateIds(entries),
    ...duplicateQuestions(entries),
    ...outOfScopeConflicts(entries, outOfScopeExamples(input.outOfScope)),
  ];
  if (input.allFaqFilesParsed) {
    const byId = new Map<string, LooseEntry[]>();
    for (const entry of entries) {
      if (entry.id !== undefined) byId.set(entry.id.value, [...(byId.get(entry.id.value) ?? []), entry]);
    }
    for (const entry of entries) {
      for (const ref of entry.followUps) {
        const message =
          ref.value === entry.id?.value ? 'an entry cannot be its own follow-up' : referenceMessage(ref, byId);
        if (message !== undefined) problems.push(problemAt(ref, message));
      }
    }
    for (const ref of popularTopics(input.responses)) {
      const message = referenceMessage(ref, byId);
      if (message !== undefined) problems.push(problemAt(ref, message));
    }
  }
  return problems;
}

function referenceMessage(ref: Located, byId: ReadonlyMap<string, readonly LooseEntry[]>): string | undefined {
  const targets = byId.get(ref.value);
  if (targets === undefined) {
    const guess = didYouMean(ref.value, byId.keys());
    return `no entry has the id "${ref.value}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`;
  }
  if (!targets.some((target) => target.enabled)) {
    return `the entry "${ref.value}" is switched off (enabled: false); remove it here or switch it on`;
  }
  return undefined;
}

/** One problem per repeated id, at its second copy, naming every other place it is used. */
function duplicateIds(entries: readonly LooseEntry[]): KnowledgeProblem[] {
  const groups = groupBy(
    entries.flatMap((entry) => (entry.id === undefined ? [] : [entry.id])),
    (id) => id.value,
  );
  return [...groups.values()].flatMap((copies) => {
    const [, second] = copies;
    if (second === undefined) return [];
    return [
      problemAt(second, `the id "${second.value}" is used by more than one entry (also at ${others(second, copies)})`),
    ];
  });
}

function duplicateQuestions(entries: readonly LooseEntry[]): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const firstPerEntry: { entry: LooseEntry; question: Located }[] = [];
  for (const entry of entries) {
    const seen = new Map<string, Located>();
    for (const question of entry.questions) {
      const key = normalisePhrasing(question.value);
      if (key === '') continue;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, question);
        if (entry.enabled) firstPerEntry.push({ entry, question });
      } else {
        const where = `${formatYamlPath(first.path)} (line ${question.source.locate(first.path).line})`;
        problems.push(problemAt(question, `this question is already listed in this entry as ${where}`));
      }
    }
  }
  // Switched-off entries are left out, so an admin can retire an entry and reuse its questions.
  const groups = groupBy(firstPerEntry, ({ question }) => normalisePhrasing(question.value));
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const { entry, question } of group) {
      const rest = group.filter((other) => other.entry !== entry);
      const names = rest.map(({ entry: other, question: q }) => `"${other.id?.value ?? '?'}" (${locationOf(q)})`);
      problems.push(
        problemAt(
          question,
          `the same question is also under entry ${names.join(', ')}; a question can belong to one entry only`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Out-of-scope examples listed twice (reported at the repeat), and examples with the same
 * phrasing as a question (reported at both). Switched-off entries count too: the matcher still
 * trains on them, and switching one back on must not make the knowledge invalid.
 */
function outOfScopeConflicts(entries: readonly LooseEntry[], examples: readonly Located[]): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const firstExamples = new Map<string, Located>();
  for (const example of examples) {
    const key = normalisePhrasing(example.value);
    if (key === '') continue;
    const first = firstExamples.get(key);
    if (first === undefined) {
      firstExamples.set(key, example);
    } else {
      const where = `${formatYamlPath(first.path)} (line ${example.source.locate(first.path).line})`;
      problems.push(problemAt(example, `this example is already listed in this file as ${where}`));
    }
  }
  if (firstExamples.size === 0) return problems;

  // One question per entry and phrasing: a repeat within an entry is reported on its own.
  const questionsByKey = new Map<string, { entry: LooseEntry; question: Located }[]>();
  for (const entry of entries) {
    const seen = new Set<string>();
    for (const question of entry.questions) {
      const key = normalisePhrasing(question.value);
      if (seen.has(key) || !firstExamples.has(key)) continue;
      seen.add(key);
      questionsByKey.set(key, [...(questionsByKey.get(key) ?? []), { entry, question }]);
    }
  }
  const why = 'a message cannot be both answered and out of scope';
  for (const [key, matches] of questionsByKey) {
    const example = firstExamples.get(key);
    if (example === undefined) continue;
    const names = matches.map(({ entry, question }) => `"${entry.id?.value ?? '?'}" (${locationOf(question)})`);
    problems.push(problemAt(example, `the same message is also a question under entry ${names.join(', ')}; ${why}`));
    for (const { question } of matches) {
      problems.push(
        problemAt(question, `the same question is also an out-of-scope example (${locationOf(example)}); ${why}`),
      );
    }
  }
  return problems;
}

/** Lowercase, punctuation and repeated whitespace removed: what makes two phrasings "the same". */
export function normalisePhrasing(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function looseEntries(source: YamlSource): LooseEntry[] {
  const list = field(source.data, 'entries');
  if (!Array.isArray(list)) return [];
  return list.map((raw: unknown, index): LooseEntry => {
    const base: YamlPathSegment[] = ['entries', index];
    const id = field(raw, 'id');
    return {
      id: typeof id === 'string' ? { value: id, source, path: [...base, 'id'] } : undefined,
      enabled: field(raw, 'enabled') !== false,
      questions: strings(source, [...base, 'questions'], field(raw, 'questions')),
      followUps: strings(source, [...base, 'followUps'], field(raw, 'followUps')),
    };
  });
}

function popularTopics(source: YamlSource | undefined): Located[] {
  if (source === undefined) return [];
  const path = ['responses', 'popularTopics'];
  return strings(source, path, field(field(source.data, 'responses'), 'popularTopics'));
}

function outOfScopeExamples(source: YamlSource | undefined): Located[] {
  if (source === undefined) return [];
  return strings(source, ['examples'], field(source.data, 'examples'));
}

function strings(source: YamlSource, path: readonly YamlPathSegment[], value: unknown): Located[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown, index) =>
    typeof item === 'string' ? [{ value: item, source, path: [...path, index] }] : [],
  );
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function locationOf(item: Located): string {
  const { line, column } = item.source.locate(item.path);
  return `${item.source.file}:${line}:${column}`;
}

function others(item: Located, all: readonly Located[]): string {
  return all
    .filter((other) => other !== item)
    .map(locationOf)
    .join(', ');
}

function problemAt(item: Located, message: string): KnowledgeProblem {
  return { file: item.source.file, ...item.source.locate(item.path), field: formatYamlPath(item.path), message };
}
