import type { SentimentLabel } from './sentiment-label.ts';

/**
 * Sentiment of one message.
 *
 * `score` is the sum of the (modified) lexicon scores, in AFINN points (roughly −5..+5 per word);
 * `comparative` is `score` normalised into (−1, 1) as VADER's compound is (`score / √(score² + 15)`):
 * it does not depend on how many words carry no sentiment, so a two-word "email problem" (−0.46)
 * never reads angrier than a long furious message (−0.9 and below), and it only falls as the
 * anger grows. `label` is `neutral` when nothing could be said.
 */
export interface SentimentResult {
  readonly score: number;
  readonly comparative: number;
  readonly label: SentimentLabel;
}
