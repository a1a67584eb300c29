/** The measures of a customer's support history that lower their health score, in report order. */
export const HEALTH_MEASURES = [
  'openTickets',
  'recentTickets',
  'complaintsLow',
  'complaintsMedium',
  'complaintsHigh',
  'complaintsCritical',
  'negativeSentiment',
  'lowCsat',
  'missingCsat',
  'repeatContact',
  'unresolvedTickets',
] as const;

export type HealthMeasure = (typeof HEALTH_MEASURES)[number];

/**
 * How one measure costs points: `weight` points per unit above `allowance` (free units), at most
 * `max` points in all. `negativeSentiment`'s unit is one percentage point of negative messages.
 */
export interface MeasureWeight {
  readonly weight: number;
  readonly max: number;
  readonly allowance: number;
}

/**
 * The scorecard of `knowledge/health.yaml` (Gainsight-like: a weighted sum of measures), as
 * validated: every measure has a weight, the bands are ordered (`yellow < green`).
 */
export interface HealthScorecard {
  /** The history counted: the last `windowDays` days (open tickets count whatever their age). */
  readonly windowDays: number;
  readonly weights: Readonly<Record<HealthMeasure, MeasureWeight>>;
  /** A ticket rated at most this (1-5) is a low rating. */
  readonly lowCsatMaxRating: number;
  /** Two contacts on one topic at most this many days apart are a repeat contact. */
  readonly repeatContactDays: number;
  /** A ticket still open after this many hours is unresolved. */
  readonly unresolvedHours: number;
  /** The negative share counts only from this many analysed customer messages in the window. */
  readonly negativeSentimentMinMessages: number;
  /** red < `yellow` <= yellow < `green` <= green. */
  readonly bands: { readonly yellow: number; readonly green: number };
}

const weight = (points: number, max: number, allowance = 0): MeasureWeight => ({ weight: points, max, allowance });

/**
 * The scorecard used when a knowledge folder has no `health.yaml`; the shipped file holds the
 * same values (test/smoke checks it), so deleting it changes nothing.
 */
export const DEFAULT_HEALTH_SCORECARD: HealthScorecard = {
  windowDays: 90,
  weights: {
    openTickets: weight(8, 24),
    recentTickets: weight(3, 15, 1),
    complaintsLow: weight(2, 6),
    complaintsMedium: weight(5, 15),
    complaintsHigh: weight(10, 30),
    complaintsCritical: weight(20, 40),
    negativeSentiment: weight(0.5, 20, 20),
    lowCsat: weight(15, 30),
    missingCsat: weight(2, 6),
    repeatContact: weight(6, 18),
    unresolvedTickets: weight(10, 30),
  },
  lowCsatMaxRating: 2,
  repeatContactDays: 7,
  unresolvedHours: 48,
  negativeSentimentMinMessages: 3,
  bands: { yellow: 50, green: 75 },
};
