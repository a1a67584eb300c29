import type { KnowledgeEntry } from '../knowledge-entry.ts';
import type { LabelledText } from './labelled-csv.ts';

/**
 * Turns labelled texts into an in-memory knowledge base for evaluation: one entry per category,
 * id and title = the category, the texts as its questions. Categories in `exclude` are left out.
 */
export function entriesFromLabelledTexts(
  rows: readonly LabelledText[],
  exclude: ReadonlySet<string> = new Set(),
): KnowledgeEntry[] {
  const byCategory = new Map<string, string[]>();
  for (const { text, category } of rows) {
    if (exclude.has(category)) continue;
    const list = byCategory.get(category);
    if (list === undefined) byCategory.set(category, [text]);
    else list.push(text);
  }
  return [...byCategory].map(([category, questions]) => ({
    id: category,
    title: category,
    questions,
    answer: '',
    tags: [],
    followUps: [],
    escalate: false,
    enabled: true,
  }));
}
