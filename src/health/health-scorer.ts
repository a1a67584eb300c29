import type { CustomerSignals } from './customer-signals.ts';
import type { HealthBand, HealthReason, HealthScore } from './health-score.ts';
import { HEALTH_MEASURES, type HealthMeasure, type HealthScorecard } from './health-scorecard.ts';

/**
 * The value of each measure for `signals` under `scorecard`: counts as they are, and the
 * negative share in whole percent, 0 until the customer has `negativeSentimentMinMessages`
 * analysed messages (two messages, one of them cross, say little).
 */
export function measureValues(signals: CustomerSignals, scorecard: HealthScorecard): Record<HealthMeasure, number> {
  const enoughMessages =
    signals.analysedMessages > 0 && signals.analysedMessages >= scorecard.negativeSentimentMinMessages;
  return {
    openTickets: signals.openTickets,
    recentTickets: signals.recentTickets,
    complaintsLow: signals.complaints.low,
    complaintsMedium: signals.complaints.medium,
    complaintsHigh: signals.complaints.high,
    complaintsCritical: signals.complaints.critical,
    negativeSentiment: enoughMessages ? Math.round((100 * signals.negativeMessages) / signals.analysedMessages) : 0,
    lowCsat: signals.lowCsat,
    missingCsat: signals.missingCsat,
    repeatContact: signals.repeatContact,
    unresolvedTickets: signals.unresolvedTickets,
  };
}

/** The band of a score: red below `bands.yellow`, green from `bands.green`, yellow between. */
export function healthBand(score: number, scorecard: HealthScorecard): HealthBand {
  if (score < scorecard.bands.yellow) return 'red';
  return score < scorecard.bands.green ? 'yellow' : 'green';
}

/**
 * Scores one customer: 100 minus, for each measure, `weight` points per unit above its
 * `allowance`, capped at its `max`; clamped to 0-100 and rounded to a whole number. Pure: the
 * same signals and scorecard always give the same score. The reasons are the measures that took
 * points (points rounded to 0.1), most points first, ties in `HEALTH_MEASURES` order.
 *
 * @example
 * scoreCustomer({ ...NO_SIGNALS, openTickets: 2 }, DEFAULT_HEALTH_SCORECARD);
 * // { score: 84, band: 'green', reasons: [{ measure: 'openTickets', value: 2, points: 16 }] }
 */
export function scoreCustomer(signals: CustomerSignals, scorecard: HealthScorecard): HealthScore {
  const values = measureValues(signals, scorecard);
  const reasons: HealthReason[] = [];
  let penalty = 0;
  for (const measure of HEALTH_MEASURES) {
    const { weight, max, allowance } = scorecard.weights[measure];
    const value = values[measure];
    const points = Math.min(max, weight * Math.max(0, value - allowance));
    if (points <= 0) continue;
    penalty += points;
    reasons.push({ measure, value, points: Math.round(points * 10) / 10 });
  }
  // Stable sort: equal points keep the HEALTH_MEASURES order they were pushed in.
  reasons.sort((a, b) => b.points - a.points);
  const score = Math.max(0, Math.min(100, Math.round(100 - penalty)));
  return { score, band: healthBand(score, scorecard), reasons };
}
