/*
 * The JSON of the reports under `/api/admin/reports` (issue 16), shared by the server, the admin
 * overview page and the `answerdesk report` command. Rates are fractions in [0, 1] and null when
 * there is nothing to divide by; durations are seconds, null when nothing was measured.
 * The helper that builds the reports may add fields; it must not rename or drop these.
 */

/** A fraction in [0, 1], or null when its denominator is 0. */
export type RateJson = number | null;

/** The median and 90th percentile of a set of durations in seconds (null when the set is empty). */
interface PercentilesJson {
  readonly median: number | null;
  readonly p90: number | null;
}

/** `GET /api/admin/reports/summary?from&to&interval`. */
export interface ReportSummaryJson {
  /** The period as asked: `from` inclusive, `to` exclusive, both ISO instants; buckets in `timeZone`. */
  readonly period: {
    readonly from: string;
    readonly to: string;
    readonly interval: 'day' | 'week';
    readonly timeZone: string;
  };
  /** Conversations started in the period in which the customer wrote at least once. */
  readonly conversations: number;
  /** Customer messages routed as questions (not buttons, prompt replies, small talk or commands). */
  readonly questions: number;
  /** Questions answered outright, asked back with "did you mean", and with no match (added by issue 16's metrics). */
  readonly answered: number;
  readonly didYouMean: number;
  readonly noMatch: number;
  /** Questions answered / questions. */
  readonly answerRate: RateJson;
  /** Questions asked back with "did you mean" / questions. */
  readonly didYouMeanRate: RateJson;
  /** Questions with no match / questions. */
  readonly noMatchRate: RateJson;
  /** Conversations with a question (the denominator of the two rates below). */
  readonly conversationsWithQuestion: number;
  /** Conversations handed to a person (a handoff request or a ticket), with a question or not. */
  readonly handedOffConversations: number;
  /** Conversations with a question that ended without a handoff / conversations with a question. */
  readonly botResolutionRate: RateJson;
  /** Conversations with a handoff / conversations with a question. */
  readonly handoffRate: RateJson;
  /** Handoffs by reason: request, complaint, sentiment, unhelpful, no-match, topic, … */
  readonly handoffReasons: Readonly<Record<string, number>>;
  /** The "did this help?" votes. */
  readonly helpfulVotes: { readonly yes: number; readonly no: number };
  /** yes / (yes + no) votes on "did this help?". */
  readonly helpfulRate: RateJson;
  readonly firstResponseSeconds: PercentilesJson;
  readonly resolutionSeconds: PercentilesJson;
  readonly csat: {
    /** Ratings of 4 or 5 / all ratings. */
    readonly score: RateJson;
    /** Ratings / surveys sent. */
    readonly responseRate: RateJson;
    /** Count of ratings 1..5, keyed "1".."5". */
    readonly distribution: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;
    /** Ratings given in the period, and surveys sent in the period. */
    readonly ratings: number;
    readonly surveysSent: number;
    /** The comments of the period's ratings, newest first (at most 50). */
    readonly comments: readonly CsatCommentJson[];
  };
  /** Negative customer messages / scored customer messages. */
  readonly negativeShare: RateJson;
  /** Conversations whose last three scored messages got angrier / conversations with a scored message. */
  readonly angrierShare: RateJson;
  readonly complaints: {
    readonly total: number;
    readonly byCategory: Readonly<Record<string, number>>;
    readonly bySeverity: Readonly<Record<string, number>>;
  };
  /** The entries that answered most customer messages in the period (at most 10), with their votes. */
  readonly topEntries: readonly ReportTopEntryJson[];
  /** One point per day or week of the period, in order. */
  readonly series: readonly ReportSeriesPointJson[];
}

/** A satisfaction comment. */
interface CsatCommentJson {
  readonly ticketReference: string;
  readonly rating: number;
  readonly comment: string;
  /** When it was rated (ISO instant). */
  readonly at: string;
}

/** One entry's traffic over the period. */
interface ReportTopEntryJson {
  readonly entryId: string;
  readonly answered: number;
  readonly helpfulYes: number;
  readonly helpfulNo: number;
  readonly helpfulRate: RateJson;
}

/** One bucket of the series: the same measures over that day or week. */
interface ReportSeriesPointJson {
  /** The bucket's start as an ISO instant, and its local date (`YYYY-MM-DD`) in the report's time zone. */
  readonly start: string;
  readonly date: string;
  readonly conversations: number;
  readonly questions: number;
  readonly answerRate: RateJson;
  readonly botResolutionRate: RateJson;
  readonly handoffRate: RateJson;
  readonly helpfulRate: RateJson;
  readonly firstResponseSeconds: PercentilesJson;
  readonly resolutionSeconds: PercentilesJson;
  readonly csatScore: RateJson;
  readonly negativeShare: RateJson;
  readonly complaints: number;
}
