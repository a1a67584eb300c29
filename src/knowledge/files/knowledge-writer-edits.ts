import { isDeepStrictEqual } from 'node:util';
import { type Document, isSeq, type Node, parseDocument, stringify, YAMLSeq } from 'yaml';

/** A new FAQ entry as the write-back creates it: the four required fields. */
export interface NewFaqEntry {
  readonly id: string;
  readonly title: string;
  readonly answer: string;
  readonly questions: readonly string[];
}

/** New text of a file and the 1-based line where the first added part starts. */
export interface TextEdit {
  readonly text: string;
  readonly line: number;
}

/** Where to add: `['examples']`, or `['entries', 3, 'questions']`. */
type SeqPath = readonly (string | number)[];

const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;

/**
 * Appends `items` (strings) to the block list at `path` of the YAML `text`, keeping every other
 * byte as it was: the document is parsed (yaml's Document API, with source ranges) to find where
 * the list ends and how it is indented, and the new items are written there in the list's style.
 * The result is parsed back and must hold exactly the old data plus the items; when the list's
 * layout is one this cannot extend in place (a flow list `[a, b]`, an empty list), the items are
 * added to the document's nodes and the whole document is written out by yaml instead (comments
 * and order kept, spacing normalised).
 */
export function appendToSequence(text: string, path: SeqPath, items: readonly string[]): TextEdit {
  const doc = parseDocument(text);
  const expected = structuredClone(doc.toJS()) as unknown;
  pushAt(expected, path, items);
  const seq = doc.getIn(path, true) as Node | undefined;
  const last = isSeq(seq) && !seq.flow ? (seq.items.at(-1) as Node | undefined) : undefined;
  if (last?.range !== undefined && last.range !== null) {
    const at = lineEndAfter(text, last.range[1]);
    const indent = dashIndent(text, last.range[0]);
    if (indent !== undefined) {
      const eol = lineEnding(text);
      const added = items.map((item) => `${indent}${scalar(item)}${eol}`).join('');
      const spliced = splice(text, at, added);
      if (holds(spliced.text, expected)) return spliced;
    }
  }
  return rewritten(doc, path, items, expected);
}

/**
 * Appends a new entry to the `entries` list of a FAQ file's `text`, in the list's indentation and
 * with a blank line before it when the file separates its entries so; every other byte is kept.
 * Falls back like {@link appendToSequence}. The line reported is the new entry's `- id:` line.
 */
export function appendEntry(text: string, entry: NewFaqEntry): TextEdit {
  const doc = parseDocument(text);
  const expected = structuredClone(doc.toJS()) as unknown;
  const plain = { id: entry.id, title: entry.title, questions: [...entry.questions], answer: entry.answer };
  pushAt(expected, ['entries'], [plain]);
  const seq = doc.get('entries', true) as Node | undefined;
  const items = isSeq(seq) && !seq.flow ? (seq.items as Node[]) : [];
  const last = items.at(-1);
  if (last?.range !== undefined && last.range !== null) {
    const indent = dashIndent(text, last.range[0])?.replace(/-[ \t]+$/, '');
    const previous = items.at(-2);
    const between = previous?.range ? text.slice(previous.range[1], last.range[0]) : '';
    if (indent !== undefined) {
      const eol = lineEnding(text);
      const blank = /(^|\n)[ \t]*\r?\n/.test(between) ? eol : '';
      const at = lineEndAfter(text, last.range[1]);
      const block = `${blank}${entryBlock(plain, indent).split('\n').join(eol)}`;
      const spliced = splice(text, at, block);
      if (holds(spliced.text, expected)) return { text: spliced.text, line: spliced.line + (blank === '' ? 0 : 1) };
    }
  }
  return rewritten(doc, ['entries'], [plain], expected);
}

/** A whole new FAQ file: `header` comment lines, then `entries:` with the one entry. */
export function newFaqFile(header: readonly string[], entry: NewFaqEntry): TextEdit {
  const head = `${header.map((line) => `# ${line}`.trimEnd()).join('\n')}\nentries:\n`;
  const plain = { id: entry.id, title: entry.title, questions: [...entry.questions], answer: entry.answer };
  return { text: `${head}${entryBlock(plain, '  ')}`, line: head.split('\n').length };
}

/** A whole new out-of-scope file: `header` comment lines, then `examples:` with the items. */
export function newExamplesFile(header: readonly string[], items: readonly string[]): TextEdit {
  const head = `${header.map((line) => `# ${line}`.trimEnd()).join('\n')}\nexamples:\n`;
  return { text: `${head}${items.map((item) => `  - ${scalar(item)}\n`).join('')}`, line: head.split('\n').length };
}

/** The file's own line ending: a file saved on Windows keeps its CRLF lines. */
function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** One YAML scalar on one line, quoted only when YAML needs it (`"yes: no"`, `'#1'`, `"123"`). */
function scalar(value: string): string {
  return stringify(value, YAML_OPTIONS).trimEnd();
}

/** The entry as a block list item, its lines indented by `indent` (blank lines inside an answer stay empty). */
function entryBlock(entry: object, indent: string): string {
  const text = stringify([entry], YAML_OPTIONS);
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `${indent}${line}`))
    .join('\n');
}

/** The whitespace before a list item's `- `, when the item starts on its dash's line; else undefined. */
function dashIndent(text: string, itemStart: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
  const match = /^([ \t]*)-([ \t]+)$/.exec(text.slice(lineStart, itemStart));
  return match === null ? undefined : `${match[1]}-${match[2]}`;
}

/** The offset just after the line on which a node's value ends (a trailing comment stays on its line). */
function lineEndAfter(text: string, valueEnd: number): number {
  if (valueEnd > 0 && text[valueEnd - 1] === '\n') return valueEnd;
  const newline = text.indexOf('\n', valueEnd);
  return newline === -1 ? text.length : newline + 1;
}

function splice(text: string, at: number, added: string): TextEdit {
  // A file without a final newline: the added lines must start on a line of their own.
  const lead = at === text.length && text.length > 0 && !text.endsWith('\n') ? lineEnding(text) : '';
  const before = `${text.slice(0, at)}${lead}`;
  return { text: `${before}${added}${text.slice(at)}`, line: before.split('\n').length };
}

function holds(text: string, expected: unknown): boolean {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && isDeepStrictEqual(doc.toJS(), expected);
}

/** The fallback: add through the document's nodes and let yaml write the whole file. */
function rewritten(doc: Document, path: SeqPath, items: readonly unknown[], expected: unknown): TextEdit {
  const existing = doc.getIn(path, true);
  const seq = isSeq(existing) ? existing : new YAMLSeq();
  for (const item of items) seq.items.push(doc.createNode(item));
  if (!isSeq(existing)) doc.setIn(path, seq);
  const text = String(doc.toString(YAML_OPTIONS));
  if (!holds(text, expected)) throw new Error(`could not add to ${path.join('.')}: the written YAML would differ`);
  // Nodes added through the API have no source range: read the written text back to find the first one.
  const written = parseDocument(text).getIn(path, true);
  const first = isSeq(written) ? (written.items[written.items.length - items.length] as Node | undefined) : undefined;
  return { text, line: first?.range ? text.slice(0, first.range[0]).split('\n').length : 1 };
}

function pushAt(data: unknown, path: SeqPath, items: readonly unknown[]): void {
  let node: unknown = data;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[step];
  const key = path.at(-1) as string | number;
  const target = node as Record<string | number, unknown>;
  const list = target[key];
  target[key] = [...(Array.isArray(list) ? list : []), ...structuredClone(items)];
}
