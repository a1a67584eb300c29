import type { ComplaintResult } from '../complaints/complaint-result.ts';
import type { SentimentResult } from '../sentiment/sentiment-result.ts';

/** Everything the bot learns about one inbound message before it answers. */
export interface MessageAnalysis {
  readonly sentiment: SentimentResult;
  readonly complaint: ComplaintResult;
}
