/**
 * Support-domain extensions to AFINN, as loaded from `knowledge/sentiment/lexicon.yaml`.
 *
 * Keys are already canonical (see `canonicalWord`): lowercase, curly apostrophes straightened,
 * `n't` contractions written without the apostrophe, multi-word keys joined by one space.
 */
export interface SentimentLexicon {
  /** Single words; these override AFINN's score for the same word. */
  readonly words: ReadonlyMap<string, number>;
  /** Multi-word phrases, matched longest-first before single words. */
  readonly phrases: ReadonlyMap<string, number>;
  /**
   * Words or phrases that strengthen (positive boost) or soften (negative boost) the next
   * sentiment word; the boost is added to that word's magnitude, in score points.
   */
  readonly intensifiers: ReadonlyMap<string, number>;
  /** Emoji and text emoticons; these override the `sentiment` package's emoji scores. */
  readonly emoji: ReadonlyMap<string, number>;
  /** Extra negators, added to the `sentiment` package's own list. */
  readonly negators: ReadonlySet<string>;
}

/** A lexicon with no extensions: plain AFINN plus the package's emoji and negators. */
export const EMPTY_SENTIMENT_LEXICON: SentimentLexicon = {
  words: new Map(),
  phrases: new Map(),
  intensifiers: new Map(),
  emoji: new Map(),
  negators: new Set(),
};
