/** Customer messages of one bucket, as counted by `ReportsRepository.messageCounts`. */
export interface MessageCounts {
  readonly questions: number;
  readonly answered: number;
  readonly didYouMean: number;
  readonly noMatch: number;
  readonly helpfulYes: number;
  readonly helpfulNo: number;
  /** Customer messages with a sentiment (bare prompt answers, buttons and commands have none). */
  readonly scored: number;
  readonly negative: number;
  readonly complaints: number;
}

/** Conversations of one bucket, as counted by `ReportsRepository.conversationCounts`. */
export interface ConversationCounts {
  readonly conversations: number;
  readonly withQuestion: number;
  /** Conversations with a question that were handed to a person. */
  readonly handedOffQuestions: number;
  /** All conversations handed to a person, with a question or not. */
  readonly handedOff: number;
}

/** Conversations with a scored customer message, and those that got angrier. */
export interface MoodCounts {
  readonly scored: number;
  readonly angrier: number;
}

/** Nearest-rank percentiles of a set of durations in seconds. */
export interface DurationPercentiles {
  readonly count: number;
  readonly median: number | null;
  readonly p90: number | null;
}

/** Ratings 1..5 of one bucket, index 0 = rating 1. */
export interface RatingCounts {
  readonly ratings: readonly [number, number, number, number, number];
}

/** A satisfaction comment with its rating and ticket. */
export interface CsatComment {
  readonly ticketReference: string;
  readonly rating: number;
  readonly comment: string;
  /** When the rating was given (ISO instant). */
  readonly at: string;
}
