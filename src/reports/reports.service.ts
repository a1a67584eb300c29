import type { MissGroupSummary } from '../insights/suggestion.ts';
import type {
  ConversationCounts,
  CsatComment,
  DurationPercentiles,
  MessageCounts,
  RatingCounts,
} from './report-counts.ts';
import { type ReportBucket, type ReportPeriod, reportBuckets } from './report-period.ts';
import type { ReportScope } from './report-sql.ts';
import type {
  Percentiles,
  Rate,
  ReportSeriesPoint,
  ReportSummary,
  TopEntry,
  UnansweredGroup,
} from './report-summary.ts';
import type { ReportsRepository } from './reports.repository.ts';
import type { UnansweredGroupsSource } from './unanswered-groups.ts';

/** How many entries and unanswered groups the summary ranks, and how many satisfaction comments it quotes. */
const TOP_ENTRIES = 10;
const TOP_UNANSWERED = 10;
const CSAT_COMMENTS = 50;

const NO_MESSAGES: MessageCounts = {
  questions: 0,
  answered: 0,
  didYouMean: 0,
  noMatch: 0,
  helpfulYes: 0,
  helpfulNo: 0,
  scored: 0,
  negative: 0,
  complaints: 0,
};
const NO_CONVERSATIONS: ConversationCounts = { conversations: 0, withQuestion: 0, handedOffQuestions: 0, handedOff: 0 };
const NO_DURATIONS: DurationPercentiles = { count: 0, median: null, p90: null };

/**
 * The support report over a period: the totals and the series by day or week, every number
 * computed by the database ({@link ReportsRepository}); this class only cuts the period into
 * buckets of its time zone, adds the buckets up and divides. The top unanswered groups come from
 * the misses inbox ({@link UnansweredGroupsSource}), grouped as the Inbox groups them.
 */
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly unanswered: UnansweredGroupsSource,
  ) {}

  async summary(period: ReportPeriod): Promise<ReportSummary> {
    const buckets = reportBuckets(period);
    const scope: ReportScope = {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      boundaries: buckets.slice(1).map((b) => b.start),
    };
    const r = this.repository;
    const [messages, conversations, moods, firstResponse, resolution, firstResponseAll, resolutionAll] =
      await Promise.all([
        r.messageCounts(scope),
        r.conversationCounts(scope),
        r.moodCounts(scope),
        r.durations(scope, 'first-response', true),
        r.durations(scope, 'resolution', true),
        r.durations(scope, 'first-response', false),
        r.durations(scope, 'resolution', false),
      ]);
    const { ratings, surveys, comments, handoffReasons, complaintRows, topEntries, missGroups } =
      await this.#rankings(scope);
    const m = sumRows(messages, NO_MESSAGES);
    const c = sumRows(conversations, NO_CONVERSATIONS);
    const mood = sumRows(moods, { scored: 0, angrier: 0 });
    const series = buckets.map((bucket, index) =>
      seriesPoint(bucket, {
        messages: find(messages, index) ?? NO_MESSAGES,
        conversations: find(conversations, index) ?? NO_CONVERSATIONS,
        ratings: find(ratings, index)?.ratings ?? [0, 0, 0, 0, 0],
        firstResponse: find(firstResponse, index) ?? NO_DURATIONS,
        resolution: find(resolution, index) ?? NO_DURATIONS,
      }),
    );

    return {
      period: { from: scope.from, to: scope.to, interval: period.interval, timeZone: period.timeZone },
      conversations: c.conversations,
      questions: m.questions,
      answered: m.answered,
      didYouMean: m.didYouMean,
      noMatch: m.noMatch,
      answerRate: rate(m.answered, m.questions),
      didYouMeanRate: rate(m.didYouMean, m.questions),
      noMatchRate: rate(m.noMatch, m.questions),
      conversationsWithQuestion: c.withQuestion,
      handedOffConversations: c.handedOff,
      botResolutionRate: rate(c.withQuestion - c.handedOffQuestions, c.withQuestion),
      handoffRate: rate(c.handedOffQuestions, c.withQuestion),
      handoffReasons,
      helpfulVotes: { yes: m.helpfulYes, no: m.helpfulNo },
      helpfulRate: rate(m.helpfulYes, m.helpfulYes + m.helpfulNo),
      firstResponseSeconds: percentiles(firstResponseAll[0] ?? NO_DURATIONS),
      resolutionSeconds: percentiles(resolutionAll[0] ?? NO_DURATIONS),
      csat: csatOf(ratings, surveys, comments),
      negativeShare: rate(m.negative, m.scored),
      angrierShare: rate(mood.angrier, mood.scored),
      complaints: { total: m.complaints, ...complaintBreakdown(complaintRows) },
      topEntries: topEntries.map(topEntry),
      topUnanswered: missGroups.slice(0, TOP_UNANSWERED).map(unansweredGroup),
      series,
    };
  }

  /** The ratings, surveys and comments, handoff reasons, complaint breakdown and the two top lists. */
  async #rankings(scope: ReportScope) {
    const r = this.repository;
    const [ratings, surveys, comments, handoffReasons, complaintRows, topEntries, missGroups] = await Promise.all([
      r.ratingCounts(scope),
      r.surveys(scope),
      r.csatComments(scope, CSAT_COMMENTS),
      r.handoffReasons(scope),
      r.complaintBreakdown(scope),
      r.topEntries(scope, TOP_ENTRIES),
      this.unanswered.groupsBetween(scope.from, scope.to),
    ]);
    return { ratings, surveys, comments, handoffReasons, complaintRows, topEntries, missGroups };
  }
}

/** The CSAT numbers: score and distribution of the period's ratings, response rate of its surveys. */
function csatOf(
  ratings: readonly RatingCounts[],
  surveys: { readonly sent: number; readonly answered: number },
  comments: readonly CsatComment[],
): ReportSummary['csat'] {
  const d = [0, 1, 2, 3, 4].map((i) => ratings.reduce((sum, row) => sum + (row.ratings[i] ?? 0), 0));
  const [d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0] = d;
  const rated = d1 + d2 + d3 + d4 + d5;
  return {
    score: rate(d4 + d5, rated),
    responseRate: rate(surveys.answered, surveys.sent),
    distribution: { '1': d1, '2': d2, '3': d3, '4': d4, '5': d5 },
    ratings: rated,
    surveysSent: surveys.sent,
    comments,
  };
}

function topEntry(e: { entryId: string; answered: number; yes: number; no: number }): TopEntry {
  return {
    entryId: e.entryId,
    answered: e.answered,
    helpfulYes: e.yes,
    helpfulNo: e.no,
    helpfulRate: rate(e.yes, e.yes + e.no),
  };
}

function unansweredGroup(group: MissGroupSummary): UnansweredGroup {
  return {
    sample: group.phrasings[0]?.text ?? '',
    count: group.count,
    phrasings: group.phrasings.length,
    reasons: group.reasons,
  };
}

/** One day or week of the series from its rows. */
function seriesPoint(
  bucket: ReportBucket,
  rows: {
    readonly messages: MessageCounts;
    readonly conversations: ConversationCounts;
    readonly ratings: RatingCounts['ratings'];
    readonly firstResponse: DurationPercentiles;
    readonly resolution: DurationPercentiles;
  },
): ReportSeriesPoint {
  const { messages: m, conversations: c, ratings } = rows;
  return {
    start: bucket.start,
    date: bucket.date,
    conversations: c.conversations,
    questions: m.questions,
    answerRate: rate(m.answered, m.questions),
    botResolutionRate: rate(c.withQuestion - c.handedOffQuestions, c.withQuestion),
    handoffRate: rate(c.handedOffQuestions, c.withQuestion),
    helpfulRate: rate(m.helpfulYes, m.helpfulYes + m.helpfulNo),
    firstResponseSeconds: percentiles(rows.firstResponse),
    resolutionSeconds: percentiles(rows.resolution),
    csatScore: rate(
      ratings[3] + ratings[4],
      ratings.reduce((a, b) => a + b, 0),
    ),
    negativeShare: rate(m.negative, m.scored),
    complaints: m.complaints,
  };
}

/** Complaint counts by category and by severity, keys in order. */
function complaintBreakdown(rows: ReadonlyArray<{ category: string; severity: string; count: number }>) {
  const byCategory: Record<string, number> = {};
  const bySeverity: Record<string, number> = {};
  for (const row of rows) {
    byCategory[row.category] = (byCategory[row.category] ?? 0) + row.count;
    bySeverity[row.severity] = (bySeverity[row.severity] ?? 0) + row.count;
  }
  return { byCategory: sorted(byCategory), bySeverity: sorted(bySeverity) };
}

/** `part / whole`, null when `whole` is 0. */
function rate(part: number, whole: number): Rate {
  return whole === 0 ? null : part / whole;
}

function percentiles(row: DurationPercentiles): Percentiles {
  return { median: row.median, p90: row.p90 };
}

function find<T extends { readonly bucket: number }>(rows: readonly T[], index: number): T | undefined {
  return rows.find((row) => row.bucket === index);
}

/** Adds up the numeric fields of every bucket's row. */
function sumRows<T extends object>(rows: ReadonlyArray<T & { readonly bucket: number }>, zero: T): T {
  const total: Record<string, number> = { ...(zero as Record<string, number>) };
  for (const row of rows) {
    for (const key of Object.keys(zero)) total[key] = (total[key] ?? 0) + ((row as Record<string, number>)[key] ?? 0);
  }
  return total as T;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
