import type { Document, Node } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { KnowledgeProblem } from './knowledge-validation.error.ts';

/** A step into parsed YAML data: a mapping key or a list index. */
export type YamlPathSegment = string | number;

/** A 1-based position in a file. */
interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

/** A parsed YAML file that can point back at the source position of any part of its data. */
export interface YamlSource {
  /** The file as shown in messages. */
  readonly file: string;
  readonly data: unknown;
  /**
   * Where the part of the data at `path` is written: a mapping key's own position when the
   * last step is a key, the item's position when it is a list index. Steps that do not exist
   * stop the walk at the deepest part that does.
   */
  locate(path: readonly YamlPathSegment[]): YamlPosition;
}

/** Result of parsing one YAML file: its data, or its syntax problems. */
export type YamlParseResult =
  | { readonly kind: 'parsed'; readonly source: YamlSource }
  | { readonly kind: 'syntax-error'; readonly problems: readonly KnowledgeProblem[] };

// yaml's messages are written for programmers; these say what an admin should check.
const SYNTAX_HINTS: Readonly<Record<string, string>> = {
  BAD_INDENT: 'the indentation is wrong; check the spaces at the start of the line',
  TAB_AS_INDENT: 'use spaces, not tabs, to indent',
  DUPLICATE_KEY: 'this field appears twice in the same block',
  BLOCK_AS_IMPLICIT_KEY: 'text containing ": " must be put in quotes, or written on the next lines after "|"',
  MULTILINE_IMPLICIT_KEY: 'a line is missing its ":" or is indented wrongly',
  BAD_SCALAR_START: 'text starting with a special character must be put in quotes',
  MULTIPLE_DOCS: 'a file holds one document only; remove the extra "---" line',
  UNEXPECTED_TOKEN: 'something unexpected follows here; check quotes and indentation',
};

/** Parses YAML text; a file with syntax errors yields one problem per affected line. */
export function parseYamlSource(file: string, text: string): YamlParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const seenLines = new Set<number>();
    const problems: KnowledgeProblem[] = [];
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      // One mistake often triggers several errors on the same line; the first explains it best.
      if (seenLines.has(line)) continue;
      seenLines.add(line);
      const hint = SYNTAX_HINTS[error.code];
      const message = hint === undefined ? error.message : `${hint} (${error.message})`;
      problems.push({ file, line, column: col, field: 'YAML syntax', message });
    }
    return { kind: 'syntax-error', problems };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // e.g. too many aliases (`*name`), which yaml refuses to expand.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'syntax-error', problems: [{ file, line: 1, column: 1, field: 'YAML syntax', message }] };
  }
  const positionOf = (offset: number): YamlPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    kind: 'parsed',
    source: { file, data, locate: (path) => positionOf(locateOffset(doc, path)) },
  };
}

function locateOffset(doc: Document, path: readonly YamlPathSegment[]): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc) ?? null;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined || !isScalar(pair.key)) return offset;
      offset = pair.key.range?.[0] ?? offset;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | null | undefined;
      if (item === undefined || item === null) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

/** `entries[2].questions[0]` for `['entries', 2, 'questions', 0]`; `(top level)` for `[]`. */
export function formatYamlPath(path: readonly YamlPathSegment[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}
