import type { CsatComment } from './report-counts.ts';
import type { ReportInterval } from './report-period.ts';

/** A fraction in [0, 1], or null when there is nothing to divide by. */
export type Rate = number | null;

/** Nearest-rank median and 90th percentile in seconds (null when nothing was measured). */
export interface Percentiles {
  readonly median: number | null;
  readonly p90: number | null;
}

/** One entry's traffic in the period. */
export interface TopEntry {
  readonly entryId: string;
  readonly answered: number;
  readonly helpfulYes: number;
  readonly helpfulNo: number;
  readonly helpfulRate: Rate;
}

/** One day or week of the series. */
export interface ReportSeriesPoint {
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
 * Every number of the support report over one period (the domain shape of `ReportSummaryJson`;
 * the HTTP layer checks at compile time that one is the other). What each counts is in the
 * README's "Reports: what each number means".
 */
export interface ReportSummary {
  readonly period: {
    readonly from: string;
    readonly to: string;
    readonly interval: ReportInterval;
    readonly timeZone: string;
  };
  readonly conversations: number;
  readonly questions: number;
  readonly answered: number;
  readonly didYouMean: number;
  readonly noMatch: number;
  readonly answerRate: Rate;
  readonly didYouMeanRate: Rate;
  readonly noMatchRate: Rate;
  readonly conversationsWithQuestion: number;
  readonly handedOffConversations: number;
  readonly botResolutionRate: Rate;
  readonly handoffRate: Rate;
  readonly handoffReasons: Readonly<Record<string, number>>;
  readonly helpfulVotes: { readonly yes: number; readonly no: number };
  readonly helpfulRate: Rate;
  readonly firstResponseSeconds: Percentiles;
  readonly resolutionSeconds: Percentiles;
  readonly csat: {
    readonly score: Rate;
    readonly responseRate: Rate;
    readonly distribution: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;
    readonly ratings: number;
    readonly surveysSent: number;
    readonly comments: readonly CsatComment[];
  };
  readonly negativeShare: Rate;
  readonly angrierShare: Rate;
  readonly complaints: {
    readonly total: number;
    readonly byCategory: Readonly<Record<string, number>>;
    readonly bySeverity: Readonly<Record<string, number>>;
  };
  readonly topEntries: readonly TopEntry[];
  readonly series: readonly ReportSeriesPoint[];
}
