import type { Checked } from '../knowledge/files/checked.ts';
import { isDirectory, KnowledgeFileReader } from '../knowledge/files/knowledge-file-reader.ts';
import { type KnowledgeProblem, KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import type { YamlSource } from '../knowledge/files/knowledge-yaml-source.ts';
import { type ExampleLabel, NOT_A_COMPLAINT } from './complaint-category.ts';
import type { ComplaintExample } from './complaint-example.ts';

/** Longest example text accepted (`complaint-examples.schema.json` says the same); longer ones are paste mistakes. */
export const MAX_EXAMPLE_CHARS = 1_000;

/**
 * Reads every `*.yaml` file below `dir` (sorted by path) through the knowledge file reader, each
 * `examples: [{ text, category }]` checked by `complaint-examples.schema.json`; then the checks
 * across files: an example listed twice (reported once, at the repeat, naming the first), and at
 * least one complaint and one `none` example.
 */
export async function readComplaintExamples(
  dir: string,
  reader: KnowledgeFileReader,
): Promise<Checked<ComplaintExample[]>> {
  if (!(await isDirectory(dir)))
    return {
      kind: 'invalid',
      problems: [{ file: reader.show(dir), message: 'examples folder not found or unreadable' }],
    };
  const files = await reader.list(dir);
  const reads = await Promise.all(files.map((file) => reader.read(file, 'complaint-examples')));
  return examplesFrom(
    reads.map((read) => read.source),
    reads.flatMap((read) => read.problems),
    reader.show(dir),
  );
}

/** Like {@link readComplaintExamples}; throws `KnowledgeValidationError` listing every problem. */
export async function loadComplaintExamples(
  dir: string,
  reader = new KnowledgeFileReader(),
): Promise<ComplaintExample[]> {
  return valueOrThrow(await readComplaintExamples(dir, reader));
}

/** Validates example files already in memory (`file` names each in problems); the pure core of `loadComplaintExamples`. */
export function parseComplaintExamples(
  files: readonly { file: string; text: string }[],
  reader = new KnowledgeFileReader(),
): ComplaintExample[] {
  const reads = files.map(({ file, text }) => reader.parse(file, text, 'complaint-examples'));
  return valueOrThrow(
    examplesFrom(
      reads.map((read) => read.source),
      reads.flatMap((read) => read.problems),
      files[0]?.file ?? '(no example files)',
    ),
  );
}

function examplesFrom(
  sources: readonly (YamlSource | undefined)[],
  schemaProblems: readonly KnowledgeProblem[],
  folder: string,
): Checked<ComplaintExample[]> {
  const problems = [...schemaProblems];
  const examples: ComplaintExample[] = [];
  const seen = new Map<string, string>();
  for (const source of sources) {
    if (source === undefined) continue;
    const list = (source.data as { examples?: unknown } | null)?.examples;
    (Array.isArray(list) ? list : []).forEach((item: unknown, index) => {
      const { text, category } = (typeof item === 'object' && item !== null ? item : {}) as {
        text?: unknown;
        category?: unknown;
      };
      if (typeof text !== 'string' || typeof category !== 'string') return;
      const position = source.locate(['examples', index]);
      const where = `${source.file}:${position.line}:${position.column}`;
      const key = text.toLowerCase().replace(/\s+/g, ' ').trim();
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({
          file: source.file,
          ...position,
          field: `examples[${index}].text`,
          message: `duplicate of the example at ${first}`,
        });
      } else {
        seen.set(key, where);
        examples.push({ text: text.trim(), label: category as ExampleLabel, source: where });
      }
    });
  }
  if (problems.length > 0) return { kind: 'invalid', problems };
  if (!(examples.some((e) => e.label === NOT_A_COMPLAINT) && examples.some((e) => e.label !== NOT_A_COMPLAINT))) {
    return {
      kind: 'invalid',
      problems: [
        {
          file: folder,
          field: 'examples',
          message: `need at least one complaint and one "${NOT_A_COMPLAINT}" example`,
        },
      ],
    };
  }
  return { kind: 'valid', value: examples };
}

function valueOrThrow<T>(checked: Checked<T>): T {
  if (checked.kind === 'invalid') throw new KnowledgeValidationError(checked.problems);
  return checked.value;
}
