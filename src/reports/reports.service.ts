import type { ConversationCounts, DurationPercentiles, MessageCounts, MoodCounts } from './report-counts.ts';
import { type ReportPeriod, reportBuckets } from './report-period.ts';
import type { ReportScope } from './report-sql.ts';
import type { Percentiles, Rate, ReportSeriesPoint, ReportSummary } from './report-summary.ts';
import type { ReportsRepository } from './reports.repository.ts';

/** How many entries the summary ranks, and how many satisfaction comments it quotes. */
const TOP_ENTRIES = 10;
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
 * buckets of its time zone, adds the buckets up and divides.
 */
export class ReportsService {
  constructor(private readonly repository: ReportsRepository) {}

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
    const [ratings, surveys, comments, handoffReasons, complaintRows, topEntries] = await Promise.all([
      r.ratingCounts(scope),
      r.surveys(scope),
      r.csatComments(scope, CSAT_COMMENTS),
      r.handoffReasons(scope),
      r.complaintBreakdown(scope),
      r.topEntries(scope, TOP_ENTRIES),
    ]);
    const m = sumRows(messages, NO_MESSAGES);
    const c = sumRows(conversations, NO_CONVERSATIONS);
    const mood = sumRows(moods, { scored: 0, angrier: 0 });
    const distribution = [0, 0, 0, 0, 0].map((_, i) => ratings.reduce((sum, row) => sum + (row.ratings[i] ?? 0), 0));
    const rated = distribution.reduce((a, b) => a + b, 0);
    const byCategory: Record<string, number> = {};
    const bySeverity: Record<string, number> = {};
    for (const row of complaintRows) {
      byCategory[row.category] = (byCategory[row.category] ?? 0) + row.count;
      bySeverity[row.severity] = (bySeverity[row.severity] ?? 0) + row.count;
    }

    const series: ReportSeriesPoint[] = buckets.map((bucket, index) => {
      const bm = find(messages, index) ?? NO_MESSAGES;
      const bc = find(conversations, index) ?? NO_CONVERSATIONS;
      const br = find(ratings, index)?.ratings ?? [0, 0, 0, 0, 0];
      const bucketRated = br.reduce((a, b) => a + b, 0);
      return {
        start: bucket.start,
        date: bucket.date,
        conversations: bc.conversations,
        questions: bm.questions,
        answerRate: rate(bm.answered, bm.questions),
        botResolutionRate: rate(bc.withQuestion - bc.handedOffQuestions, bc.withQuestion),
        handoffRate: rate(bc.handedOffQuestions, bc.withQuestion),
        helpfulRate: rate(bm.helpfulYes, bm.helpfulYes + bm.helpfulNo),
        firstResponseSeconds: percentiles(find(firstResponse, index) ?? NO_DURATIONS),
        resolutionSeconds: percentiles(find(resolution, index) ?? NO_DURATIONS),
        csatScore: rate(br[3] + br[4], bucketRated),
        negativeShare: rate(bm.negative, bm.scored),
        complaints: bm.complaints,
      };
    });

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
      csat: {
        score: rate((distribution[3] ?? 0) + (distribution[4] ?? 0), rated),
        responseRate: rate(surveys.answered, surveys.sent),
        distribution: {
          '1': distribution[0] ?? 0,
          '2': distribution[1] ?? 0,
          '3': distribution[2] ?? 0,
          '4': distribution[3] ?? 0,
          '5': distribution[4] ?? 0,
        },
        ratings: rated,
        surveysSent: surveys.sent,
        comments,
      },
      negativeShare: rate(m.negative, m.scored),
      angrierShare: rate(mood.angrier, mood.scored),
      complaints: { total: m.complaints, byCategory: sorted(byCategory), bySeverity: sorted(bySeverity) },
      topEntries: topEntries.map((e) => ({
        entryId: e.entryId,
        answered: e.answered,
        helpfulYes: e.yes,
        helpfulNo: e.no,
        helpfulRate: rate(e.yes, e.yes + e.no),
      })),
      series,
    };
  }
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
