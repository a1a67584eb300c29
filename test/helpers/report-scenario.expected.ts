import type { ReportSummaryJson } from '../../src/http/admin-console/assets/report-api.types.d.ts';

/**
 * Every number of `GET /api/admin/reports/summary?from=2026-11-02&to=2026-11-05&interval=day`
 * (time zone America/New_York) over `playReportScenario`, derived by hand from the script:
 *
 * | conv | local day | customer messages (kind, match, mood)                                   | afterwards |
 * | c1  | Mon | "where is my order?" question answer (track-order); votes Yes                  | – |
 * | c2  | Mon | "where is my order?" question answer; votes No                                 | – |
 * | c3  | Mon | "I want my money back" question ambiguous; clicks Refund status (a button)     | – |
 * | c4  | Mon | "blorp" question no-match (04:30Z Tue = 23:30 Mon in New York)                 | – |
 * | c5  | Tue | "where is my order?" answer; "talk to a human" (command, 4 words: scored)      | T-1001 requested: reply +120 s, solved +3600 s, rated 5 "Quick and kind, thanks" (comment scored, positive) |
 * | c6  | Tue | "the courier lost my parcel again" question no-match, complaint delivery/high, −0.7 | T-1002 complaint: reply +600 s, solved +7200 s, rated 2, comment "skip" (scored, neutral) |
 * | c7  | Tue | "hello" small talk (scored)                                                    | – |
 * | c8  | Wed | "blorp", "blorp blorp" questions no-match                                      | T-1003 repeated_no_match: reply +300 s, solved +1800 s, survey never answered |
 * | c9  | Wed | 3 questions answered (track-order), moods 0, −0.3, −0.6: angrier               | T-1004 negative_sentiment, no reply |
 * | c10 | Wed | "I was charged twice for one order" question no-match, complaint billing_payment/low, −0.4 | – |
 * c0 (Sun 23:00) and c11 (Thu 01:00) fall outside the period. Bare prompt replies (Yes/No, yes,
 * names, emails, ratings) carry no mood.
 *
 * Top unanswered groups: the Inbox's misses among the period's questions (no match, asked back,
 * voted unhelpful, followed by a request for a person, a "did you mean" choice), grouped as the
 * Inbox groups them, largest first, then by first seen:
 * | group                                | messages                                  | reasons |
 * | "blorp" (and "blorp blorp")          | c4, c8 ×2 (c0's "blorp" is before the period) | no-match |
 * | "where is my order?"                 | c2 (voted No), c5 (then "talk to a human") | unhelpful, handoff-after-answer |
 * | "I want my money back"               | c3 (asked back, clicked Refund status)     | near-tie, chosen |
 * | "the courier lost my parcel again"   | c6                                         | no-match |
 * | "I was charged twice for one order"  | c10                                        | no-match |
 * c1's and c9's answers drew no vote against them and no request for a person (c9's handoff was the
 * bot's, for its mood), so they are not misses.
 */
export const EXPECTED_REPORT: ReportSummaryJson = {
  period: {
    from: '2026-11-02T05:00:00.000Z', // midnight in New York (EST, UTC−5)
    to: '2026-11-05T05:00:00.000Z',
    interval: 'day',
    timeZone: 'America/New_York',
  },
  conversations: 10, // c1..c10
  questions: 12, // c1-c4: 4, c5, c6: 2, c8: 2 + c9: 3 + c10: 1 = 6
  answered: 6, // c1, c2, c5, c9 ×3
  didYouMean: 1, // c3
  noMatch: 5, // c4, c6, c8 ×2, c10
  answerRate: 6 / 12,
  didYouMeanRate: 1 / 12,
  noMatchRate: 5 / 12,
  conversationsWithQuestion: 9, // all but c7
  handedOffConversations: 4, // c5, c6, c8, c9
  botResolutionRate: 5 / 9, // c1, c2, c3, c4, c10 of the 9 with a question
  handoffRate: 4 / 9,
  handoffReasons: { complaint: 1, negative_sentiment: 1, repeated_no_match: 1, requested: 1 },
  helpfulVotes: { yes: 1, no: 1 }, // c1, c2
  helpfulRate: 1 / 2,
  // 120, 300, 600: nearest rank median = 2nd of 3, p90 = ⌈2.7⌉ = 3rd
  firstResponseSeconds: { median: 300, p90: 600 },
  // 1800, 3600, 7200 (all solved in the period)
  resolutionSeconds: { median: 3600, p90: 7200 },
  csat: {
    score: 1 / 2, // 5 and 2: one of two is 4-5
    responseRate: 2 / 3, // surveys sent for T-1001..T-1003, two answered
    distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 },
    ratings: 2,
    surveysSent: 3,
    // T-1001 solved at 14:00:40Z + 3600 s = 15:00:40Z; rated 60 s later, commented 60 s after that
    comments: [
      { ticketReference: 'T-1001', rating: 5, comment: 'Quick and kind, thanks', at: '2026-11-03T15:02:40.000Z' },
    ],
  },
  // Scored: Mon 4 questions; Tue c5 question + "talk to a human" + comment, c6 question + "skip",
  // c7 "hello" = 6; Wed c8 ×2, c9 ×3, c10 = 6: 16 scored. Negative: c6, c9 ×2 (−0.3, −0.6), c10 = 4.
  negativeShare: 4 / 16,
  angrierShare: 1 / 10, // c9 of the 10 conversations with a scored message
  complaints: {
    total: 2,
    byCategory: { billing_payment: 1, delivery: 1 },
    bySeverity: { high: 1, low: 1 },
  },
  topEntries: [
    // c1, c2, c5, c9 ×3 answered by track-order; the two votes
    { entryId: 'track-order', answered: 6, helpfulYes: 1, helpfulNo: 1, helpfulRate: 1 / 2 },
    // c3's "Refund status" button
    { entryId: 'refund-status', answered: 1, helpfulYes: 0, helpfulNo: 0, helpfulRate: null },
  ],
  topUnanswered: [
    { sample: 'blorp', count: 3, phrasings: 2, reasons: ['no-match'] },
    { sample: 'where is my order?', count: 2, phrasings: 1, reasons: ['unhelpful', 'handoff-after-answer'] },
    { sample: 'I want my money back', count: 1, phrasings: 1, reasons: ['near-tie', 'chosen'] },
    { sample: 'the courier lost my parcel again', count: 1, phrasings: 1, reasons: ['no-match'] },
    { sample: 'I was charged twice for one order', count: 1, phrasings: 1, reasons: ['no-match'] },
  ],
  series: [
    {
      start: '2026-11-02T05:00:00.000Z',
      date: '2026-11-02',
      conversations: 4, // c1-c4
      questions: 4,
      answerRate: 2 / 4, // c1, c2
      botResolutionRate: 4 / 4,
      handoffRate: 0 / 4,
      helpfulRate: 1 / 2,
      firstResponseSeconds: { median: null, p90: null },
      resolutionSeconds: { median: null, p90: null },
      csatScore: null,
      negativeShare: 0 / 4,
      complaints: 0,
    },
    {
      start: '2026-11-03T05:00:00.000Z',
      date: '2026-11-03',
      conversations: 3, // c5, c6, c7
      questions: 2, // c5, c6
      answerRate: 1 / 2,
      botResolutionRate: 0 / 2, // c5 and c6 both handed off
      handoffRate: 2 / 2,
      helpfulRate: null,
      firstResponseSeconds: { median: 120, p90: 600 }, // 120, 600: median = 1st of 2, p90 = 2nd
      resolutionSeconds: { median: 3600, p90: 7200 }, // T-1001 and T-1002 solved on Tuesday
      csatScore: 1 / 2,
      negativeShare: 1 / 6,
      complaints: 1,
    },
    {
      start: '2026-11-04T05:00:00.000Z',
      date: '2026-11-04',
      conversations: 3, // c8, c9, c10
      questions: 6,
      answerRate: 3 / 6, // c9 ×3
      botResolutionRate: 1 / 3, // c10
      handoffRate: 2 / 3, // c8, c9
      helpfulRate: null,
      firstResponseSeconds: { median: 300, p90: 300 }, // T-1003 (T-1004 never answered)
      resolutionSeconds: { median: 1800, p90: 1800 },
      csatScore: null,
      negativeShare: 3 / 6,
      complaints: 1,
    },
  ],
};
