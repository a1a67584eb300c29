import type { HealthMeasure } from './health-scorecard.ts';

/** The health bands, worst first (the order is significant: the at-risk list sorts by it). */
export const HEALTH_BANDS = ['red', 'yellow', 'green'] as const;

export type HealthBand = (typeof HEALTH_BANDS)[number];

/** One measure that took points off: its value (a count, or percent for `negativeSentiment`) and the points. */
export interface HealthReason {
  readonly measure: HealthMeasure;
  readonly value: number;
  readonly points: number;
}

/** A customer's health: 0-100, its band, and every measure that took points, most points first. */
export interface HealthScore {
  readonly score: number;
  readonly band: HealthBand;
  readonly reasons: readonly HealthReason[];
}
