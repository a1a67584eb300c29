import { describe, expect, it } from 'vitest';
import { type CustomerSignals, NO_SIGNALS } from '../../src/health/customer-signals.ts';
import { type HealthScorecard, DEFAULT_HEALTH_SCORECARD as SCORECARD } from '../../src/health/health-scorecard.ts';
import { healthBand, measureValues, scoreCustomer } from '../../src/health/health-scorer.ts';

const signals = (overrides: Partial<CustomerSignals>): CustomerSignals => ({ ...NO_SIGNALS, ...overrides });
const complaints = (c: Partial<CustomerSignals['complaints']>): CustomerSignals['complaints'] => ({
  ...NO_SIGNALS.complaints,
  ...c,
});

describe('scoreCustomer', () => {
  it.each<[string, Partial<CustomerSignals>, number, Array<[string, number, number]>]>([
    ['no history at all', {}, 100, []],
    ['one open ticket', { openTickets: 1 }, 92, [['openTickets', 1, 8]]],
    ['open tickets capped at their max', { openTickets: 9 }, 76, [['openTickets', 9, 24]]],
    ['the first recent ticket is free (allowance 1)', { recentTickets: 1 }, 100, []],
    ['recent tickets above the allowance', { recentTickets: 4 }, 91, [['recentTickets', 4, 9]]],
    [
      'a critical complaint weighs more than a low one',
      { complaints: complaints({ critical: 1, low: 1 }) },
      78,
      [
        ['complaintsCritical', 1, 20],
        ['complaintsLow', 1, 2],
      ],
    ],
    ['negative share under the allowance costs nothing', { analysedMessages: 10, negativeMessages: 2 }, 100, []],
    [
      'negative share above the allowance, per point',
      { analysedMessages: 10, negativeMessages: 6 },
      80,
      [['negativeSentiment', 60, 20]],
    ],
    ['negative share needs minMessages analysed messages', { analysedMessages: 2, negativeMessages: 2 }, 100, []],
    [
      'two low ratings and an unresolved ticket',
      { lowCsat: 2, unresolvedTickets: 1, openTickets: 1 },
      52,
      [
        ['lowCsat', 2, 30],
        ['unresolvedTickets', 1, 10],
        ['openTickets', 1, 8],
      ],
    ],
    [
      'equal points keep the measures order',
      { missingCsat: 3, repeatContact: 1 },
      88,
      [
        ['missingCsat', 3, 6],
        ['repeatContact', 1, 6],
      ],
    ],
    [
      'everything at once is clamped to 0',
      {
        openTickets: 5,
        recentTickets: 9,
        complaints: complaints({ critical: 3, high: 3, medium: 3, low: 3 }),
        analysedMessages: 10,
        negativeMessages: 10,
        lowCsat: 3,
        missingCsat: 5,
        repeatContact: 5,
        unresolvedTickets: 5,
      },
      0,
      [
        ['complaintsCritical', 3, 40],
        ['complaintsHigh', 3, 30],
        ['lowCsat', 3, 30],
        ['unresolvedTickets', 5, 30],
        ['openTickets', 5, 24],
        ['negativeSentiment', 100, 20],
        ['recentTickets', 9, 15],
        ['complaintsMedium', 3, 15],
        ['repeatContact', 5, 18],
        ['complaintsLow', 3, 6],
        ['missingCsat', 5, 6],
      ].sort((a, b) => (b[2] as number) - (a[2] as number)) as Array<[string, number, number]>,
    ],
  ])('%s', (_name, overrides, score, reasons) => {
    const result = scoreCustomer(signals(overrides), SCORECARD);
    expect(result.score).toBe(score);
    expect(result.band).toBe(healthBand(score, SCORECARD));
    expect(result.reasons.map((r) => [r.measure, r.value, r.points])).toEqual(reasons);
  });

  it.each<[number, 'red' | 'yellow' | 'green']>([
    [0, 'red'],
    [49, 'red'],
    [50, 'yellow'],
    [74, 'yellow'],
    [75, 'green'],
    [100, 'green'],
  ])('bands a score of %i as %s (red < 50 <= yellow < 75 <= green)', (score, band) => {
    expect(healthBand(score, SCORECARD)).toBe(band);
  });

  it.each<[string, Partial<HealthScorecard>, Partial<CustomerSignals>, number]>([
    [
      'a weight of 0 turns a measure off',
      { weights: { ...SCORECARD.weights, lowCsat: { weight: 0, max: 30, allowance: 0 } } },
      { lowCsat: 2 },
      100,
    ],
    [
      'fractional weights round the score to a whole number',
      { weights: { ...SCORECARD.weights, openTickets: { weight: 2.4, max: 50, allowance: 0 } } },
      { openTickets: 3 },
      93,
    ],
    ['other bands move the same score', { bands: { yellow: 95, green: 99 } }, { openTickets: 1 }, 92],
  ])('follows the scorecard: %s', (_name, changes, overrides, score) => {
    const scorecard = { ...SCORECARD, ...changes };
    const result = scoreCustomer(signals(overrides), scorecard);
    expect(result.score).toBe(score);
    expect(result.band).toBe(healthBand(score, scorecard));
  });

  it('reads the negative share in whole percent', () => {
    expect(measureValues(signals({ analysedMessages: 3, negativeMessages: 1 }), SCORECARD).negativeSentiment).toBe(33);
  });
});
