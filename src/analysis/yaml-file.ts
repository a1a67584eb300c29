import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';

/**
 * A parsed YAML knowledge file that can say where each node came from.
 *
 * Loaders walk `doc.contents` themselves and call `at(node)` to prefix a problem with
 * `file:line:column`, so an admin can jump straight to a bad edit.
 */
export interface YamlFile {
  readonly file: string;
  readonly doc: Document.Parsed;
  /** Syntax errors (and duplicate keys) reported by the parser, already located. */
  readonly syntaxProblems: readonly string[];
  /** `file:line:column` of a node (or of the file start when the node has no range). */
  at(node: Node | null | undefined): string;
}

/** Parses `text` as one YAML document, keeping line positions; never throws. */
export function parseYamlFile(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${Math.max(line, 1)}:${Math.max(col, 1)}`;
  };
  const syntaxProblems = doc.errors.map((error) => `${position(error.pos[0])}: ${error.message.split('\n')[0] ?? ''}`);
  return {
    file,
    doc,
    syntaxProblems,
    at: (node) => position(node?.range?.[0] ?? 0),
  };
}

/** The key of a map pair as a string, or `null` when it is not a plain scalar. */
export function pairKey(pair: Pair): string | null {
  if (!isScalar(pair.key)) return null;
  const value: unknown = pair.key.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * Checks that the document root is a map whose keys all come from `allowed`;
 * returns the pairs by key, pushing a located problem for each unknown or missing-but-required key.
 */
export function readRootMap(
  yaml: YamlFile,
  allowed: readonly string[],
  required: readonly string[],
  problems: string[],
): Map<string, Pair> {
  const byKey = new Map<string, Pair>();
  const root = yaml.doc.contents;
  if (root === null) {
    for (const key of required) problems.push(`${yaml.file}:1:1: ${key}: required key is missing (the file is empty)`);
    return byKey;
  }
  if (!isMap(root)) {
    problems.push(`${yaml.at(root)}: (root): expected a mapping with keys ${allowed.join(', ')}`);
    return byKey;
  }
  for (const pair of root.items) {
    const key = pairKey(pair);
    const keyNode = pair.key as Node | null;
    if (key === null || !allowed.includes(key)) {
      problems.push(`${yaml.at(keyNode)}: ${key ?? '(key)'}: unknown key; expected one of ${allowed.join(', ')}`);
      continue;
    }
    byKey.set(key, pair);
  }
  for (const key of required) {
    if (!byKey.has(key)) problems.push(`${yaml.at(root)}: ${key}: required key is missing`);
  }
  return byKey;
}

/** Reads a knowledge file; a missing or unreadable file becomes a problem line, not an exception. */
export async function readKnowledgeText(file: string): Promise<{ readonly text: string } | { readonly problem: string }> {
  try {
    return { text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    return { problem: `${file}: ${code === 'ENOENT' ? 'file not found' : `cannot read file (${error instanceof Error ? error.message : String(error)})`}` };
  }
}
