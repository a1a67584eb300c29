/** How the served matcher scores one message, reduced to what the inbox needs. */
export interface MissScore {
  /** The best entries for the message, best first, with the served matcher's confidence. */
  readonly candidates: ReadonlyArray<{ readonly entryId: string; readonly confidence: number }>;
  /** How much the message looks like the knowledge's out-of-scope examples (null when it has none). */
  readonly outOfScope: number | null;
}

/**
 * The served knowledge as the inbox sees it: handed to `InsightsService` as a function (the
 * composition root builds it from the `KnowledgeStore`, a bench from its own matcher), so the
 * inbox never reads configuration and always judges misses with the matcher customers talk to.
 */
export interface InsightsKnowledge {
  /** Changes whenever the knowledge or the matcher changes (scores are cached per version). */
  readonly version: number;
  /** The served confidence threshold: a stored answer below it is a `low-confidence` miss. */
  readonly threshold: number;
  /** Ids of the entries phrasings may be added to. */
  readonly entryIds: ReadonlySet<string>;
  /** Every question phrasing the knowledge already has (for the grouping's word statistics). */
  readonly phrasings: readonly string[];
  score(text: string): MissScore;
}
