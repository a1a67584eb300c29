import type { MissReason } from '../insights/suggestion.ts';
import type { CsatComment } from './report-counts.ts';
import type { ReportInterval } from './report-period.ts';

/** A fraction in [0, 1], or null when there is nothing to divide by. */
export type Rate = number | null;

/** Nearest-rank median and 90th percentile in seconds (null when nothing was measured). */
export interface Percentiles {
  readonly median: number | null;
  readonly p90: number | null;
}

/** One entry's traffic over the period. */
export interface TopEntry {
  readonly entryId: string;
  readonly answered: number;
  readonly helpfulYes: number;
  readonly helpfulNo: number;
  readonly helpfulRate: Rate;
}

/** One group of the questions the bot missed in the period, as the Inbox groups them. */
export interface UnansweredGroup {
  /** The group's most used wording (a customer's own words: escape it). */
  readonly sample: string;
  /** Customer messages in the group. */
  readonly count: number;
  /** Distinct wordings in the group. */
  readonly phrasings: number;
  /** Why its messages count as missed, in the Inbox's order. */
  readonly reasons: readonly MissReason[];
}

/** One bucket of the series: the same measures over that day or week. */
export interface ReportSeriesPoint {
  /** The bucket's start as an ISO instant, and its local date (`YYYY-MM-DD`) in the report's time zone. */
  readonly start: string;
  readonly date: string;
  readonly conversations: number;
  readonly questions: number;
  readonly answerRate: Rate;
  readonly botResolutionRate: Rate;
  readonly handoffRate: Rate;
  readonly helpfulRate: Rate;
  readonly firstResponseSeconds: Percentiles;
  readonly resolutionSeconds: Percentiles;
  readonly csatScore: Rate;
  readonly negativeShare: Rate;
  readonly complaints: number;
}

/**
 * Every number of the support report over one period, which is also the JSON of
 * `GET /api/admin/reports/summary` and of `answerdesk report --json` (the admin overview's
 * `report-api.types.d.ts` re-exports it). Rates are fractions in [0, 1] and null when there is
 * nothing to divide by; durations are seconds, null when nothing was measured. What each counts is
 * in the README's "Reports: what each number means".
 */
export interface ReportSummary {
  /** The period as asked: `from` inclusive, `to` exclusive, both ISO instants; buckets in `timeZone`. */
  readonly period: {
    readonly from: string;
    readonly to: string;
    readonly interval: ReportInterval;
    readonly timeZone: string;
  };
  /** Conversations started in the period in which the customer wrote at least once. */
  readonly conversations: number;
  /** Customer messages routed as questions (not buttons, prompt replies, small talk or commands). */
  readonly questions: number;
  /** Questions answered outright, asked back with "did you mean", and with no match. */
  readonly answered: number;
  readonly didYouMean: number;
  readonly noMatch: number;
  /** Questions answered / questions. */
  readonly answerRate: Rate;
  /** Questions asked back with "did you mean" / questions. */
  readonly didYouMeanRate: Rate;
  /** Questions with no match / questions. */
  readonly noMatchRate: Rate;
  /** Conversations with a question (the denominator of the two rates below). */
  readonly conversationsWithQuestion: number;
  /** Conversations handed to a person (a handoff request or a ticket), with a question or not. */
  readonly handedOffConversations: number;
  /** Conversations with a question that ended without a handoff / conversations with a question. */
  readonly botResolutionRate: Rate;
  /** Conversations with a handoff / conversations with a question. */
  readonly handoffRate: Rate;
  /** Handoffs by reason: request, complaint, sentiment, unhelpful, no-match, topic, … */
  readonly handoffReasons: Readonly<Record<string, number>>;
  /** The "did this help?" votes. */
  readonly helpfulVotes: { readonly yes: number; readonly no: number };
  /** yes / (yes + no) votes on "did this help?". */
  readonly helpfulRate: Rate;
  readonly firstResponseSeconds: Percentiles;
  readonly resolutionSeconds: Percentiles;
  readonly csat: {
    /** Ratings of 4 or 5 / all ratings. */
    readonly score: Rate;
    /** Ratings / surveys sent. */
    readonly responseRate: Rate;
    /** Count of ratings 1..5, keyed "1".."5". */
    readonly distribution: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;
    /** Ratings given in the period, and surveys sent in the period. */
    readonly ratings: number;
    readonly surveysSent: number;
    /** The comments of the period's ratings, newest first (at most 50). */
    readonly comments: readonly CsatComment[];
  };
  /** Negative customer messages / scored customer messages. */
  readonly negativeShare: Rate;
  /** Conversations whose last three scored messages got angrier / conversations with a scored message. */
  readonly angrierShare: Rate;
  readonly complaints: {
    readonly total: number;
    readonly byCategory: Readonly<Record<string, number>>;
    readonly bySeverity: Readonly<Record<string, number>>;
  };
  /** The entries that answered most customer messages in the period (at most 10), with their votes. */
  readonly topEntries: readonly TopEntry[];
  /** The largest groups of the questions missed in the period, as the Inbox groups them (at most 10). */
  readonly topUnanswered: readonly UnansweredGroup[];
  /** One point per day or week of the period, in order. */
  readonly series: readonly ReportSeriesPoint[];
}
