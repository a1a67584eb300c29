import type { KnowledgeEntry } from '../knowledge/knowledge-entry.ts';
import type { AnswerMatcher } from '../knowledge/matching/answer-matcher.ts';
import type { InsightsKnowledge } from './insights-knowledge.ts';

/** How many candidates the inbox asks the matcher for: enough to see the near neighbours of a miss. */
const CANDIDATES = 5;

/** A served knowledge snapshot: the knowledge base, its matcher, and the store's version. */
export interface ServedKnowledge {
  readonly knowledgeBase: { readonly entries: readonly KnowledgeEntry[] };
  readonly value: { readonly matcher: AnswerMatcher };
  readonly version: number;
}

/**
 * The inbox's view of a served snapshot (`KnowledgeStore.snapshot()`, or a bench's own): scores
 * come from the snapshot's matcher, with its own options (threshold).
 */
export function servedInsightsKnowledge(served: ServedKnowledge): InsightsKnowledge {
  const { matcher } = served.value;
  const enabled = served.knowledgeBase.entries.filter((entry) => entry.enabled);
  return {
    version: served.version,
    threshold: matcher.options.threshold,
    entryIds: new Set(enabled.map((entry) => entry.id)),
    phrasings: enabled.flatMap((entry) => entry.questions),
    score(text) {
      const explained = matcher.explain(text, CANDIDATES);
      return {
        candidates: explained.candidates.map((c) => ({ entryId: c.entry.id, confidence: c.confidence })),
        outOfScope: explained.outOfScopeProbability,
      };
    },
  };
}
