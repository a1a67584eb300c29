import type { SentimentLabel } from './sentiment-label.ts';

/**
 * Sentiment of one message.
 *
 * `score` is the sum of the (modified) lexicon scores, in AFINN points (roughly −5..+5 per word);
 * `comparative` is `score` divided by the number of words and emoji, so long and short messages
 * can be compared; `label` is `neutral` when nothing could be said.
 */
export interface SentimentResult {
  readonly score: number;
  readonly comparative: number;
  readonly label: SentimentLabel;
}
