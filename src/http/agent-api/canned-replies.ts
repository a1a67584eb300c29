import type { KnowledgeBase } from '../../knowledge/knowledge-base.ts';

/** A knowledge answer an agent can put into a reply (and edit before sending). */
export interface CannedReply {
  readonly id: string;
  readonly title: string;
  /** The answer's Markdown, as the bot sends it. */
  readonly answer: string;
}

/** Lower-case words of `text`, for matching whatever the agent types against titles. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The served knowledge's enabled entries whose title (or id) contains every word of `query` as a
 * word prefix, titles that start with the query first, then by title; all entries by title when
 * there is no query. At most `limit`.
 */
export function findCannedReplies(kb: KnowledgeBase, query: string | undefined, limit: number): CannedReply[] {
  const wanted = words(query ?? '');
  const found = kb.entries.flatMap((entry) => {
    if (!entry.enabled) return [];
    const have = [...words(entry.title), ...words(entry.id)];
    if (!wanted.every((w) => have.some((h) => h.startsWith(w)))) return [];
    const leading = wanted.length > 0 && entry.title.toLowerCase().startsWith(wanted.join(' ')) ? 0 : 1;
    return [{ entry, leading }];
  });
  found.sort((a, b) => a.leading - b.leading || a.entry.title.localeCompare(b.entry.title));
  return found.slice(0, limit).map(({ entry }) => ({ id: entry.id, title: entry.title, answer: entry.answer }));
}
