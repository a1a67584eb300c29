/**
 * The knowledge view's vocabulary: how each entry did over a period. A question counts for an
 * entry when the entry answered it or was the matcher's best candidate for it; it is answered by
 * the entry when the entry's answer was served (directly or from "did you mean"); votes are the
 * "did this help?" answers on the questions the entry answered.
 */

/** A half-open period `[from, to)` of ISO 8601 UTC instants, as stored in `messages.created_at`. */
export interface StatsPeriod {
  readonly from: string;
  readonly to: string;
}

/** Counts of one entry's questions over a period, straight from the feedback records. */
export interface EntryCounts {
  readonly entryId: string;
  /** Questions the entry answered or was the best candidate for. */
  readonly questions: number;
  /** Of those, the ones the entry's answer was served for. */
  readonly answered: number;
  /** Answered questions with a "did this help?" vote. */
  readonly votes: number;
  /** Votes that said it helped. */
  readonly helpful: number;
}

/** One of an entry's recent questions, with where to read its conversation. */
export interface EntryQuestion {
  readonly messageId: number;
  readonly conversationId: string;
  readonly text: string;
  readonly at: string;
  /** The entry's answer was served for it. */
  readonly answered: boolean;
  /** The vote on it: true helped, false did not, null not rated. */
  readonly helpful: boolean | null;
}

/** One knowledge entry as the knowledge view and the entry picker show it. */
export interface EntryStats extends EntryCounts {
  readonly title: string;
  readonly answer: string;
  readonly enabled: boolean;
  /** How many phrasings the entry is trained on. */
  readonly phrasings: number;
  /** `answered / questions`, null without questions. */
  readonly answerRate: number | null;
  /** `helpful / votes`, null without votes. */
  readonly helpfulRate: number | null;
  /** Newest first. */
  readonly recentQuestions: readonly EntryQuestion[];
}
