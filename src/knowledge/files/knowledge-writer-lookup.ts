import { readFile } from 'node:fs/promises';
import { isMap, isSeq, parseDocument } from 'yaml';
import { normalisePhrasing } from './knowledge-cross-check.ts';

// The write-back's reading side: where an entry is in a FAQ file, which phrasings a list already has.

/** Phrasings as written: whitespace (newlines too) collapsed, so each is one line. */
export function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `texts` without blanks and without repeats as the loader compares phrasings, first kept. */
export function unique(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const key = normalisePhrasing(text);
    if (text === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The phrasings to add (cleaned, no repeats) and those the list already has (as the loader compares them). */
export function split(
  phrasings: readonly string[],
  existing: readonly string[],
): { added: string[]; skipped: string[] } {
  const have = new Set(existing.map(normalisePhrasing));
  const added: string[] = [];
  const skipped: string[] = [];
  for (const text of unique(phrasings.map(clean))) (have.has(normalisePhrasing(text)) ? skipped : added).push(text);
  return { added, skipped };
}

/** Where an entry is in a FAQ file, or the ids the file has instead. */
type EntryLookup = { index: number; questions: string[] } | { ids: string[] };

/** Where entry `id` is in a FAQ file's text; else the ids the file has (for "did you mean"). */
export function entryIn(text: string | undefined, id: string): EntryLookup | undefined {
  if (text === undefined) return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const entries = doc.get('entries', true);
  if (!isSeq(entries)) return undefined;
  const ids: string[] = [];
  for (const [index, item] of entries.items.entries()) {
    if (!isMap(item)) continue;
    const itemId = item.get('id');
    if (typeof itemId !== 'string') continue;
    if (itemId === id) return { index, questions: stringsAt(text, ['entries', index, 'questions']) };
    ids.push(itemId);
  }
  return { ids };
}

/** The strings of the list at `at` in YAML `text` (empty when there is none). */
export function stringsAt(text: string, at: readonly (string | number)[]): string[] {
  const value: unknown = parseDocument(text).toJS();
  let node: unknown = value;
  for (const step of at) node = (node as Record<string | number, unknown> | null)?.[step];
  return Array.isArray(node) ? node.filter((item): item is string => typeof item === 'string') : [];
}

/** A file's text, or undefined when it does not exist (other errors throw). */
export async function readMaybe(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
