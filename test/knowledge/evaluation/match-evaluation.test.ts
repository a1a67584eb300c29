import { describe, expect, it } from 'vitest';
import {
  type EvaluatedRow,
  evaluateMatcher,
  thresholdSweep,
} from '../../../src/knowledge/evaluation/match-evaluation.ts';
import { AnswerMatcher } from '../../../src/knowledge/matching/answer-matcher.ts';
import { SUPPORT_KB } from '../../fixtures/support-kb.ts';

function row(expected: string, topCandidate: string, confidence: number): EvaluatedRow {
  const outOfScope = expected === 'none';
  return {
    text: `${expected} ${confidence}`,
    expected,
    predicted: '',
    confidence,
    topCandidate,
    outOfScope,
    correct: false,
  };
}

describe('thresholdSweep', () => {
  // Two in-scope rows (one right at 0.8, one wrong at 0.5) and two out-of-scope rows (answered at 0.6, no candidate at all).
  const rows = [row('a', 'a', 0.8), row('b', 'a', 0.5), row('none', 'b', 0.6), row('none', '', 0)];

  it.each([
    // threshold, accuracy, in-scope accuracy, oos precision, oos recall
    [0.4, 2 / 4, 1 / 2, 1 / 1, 1 / 2],
    [0.55, 2 / 4, 1 / 2, 1 / 2, 1 / 2],
    [0.7, 3 / 4, 1 / 2, 2 / 3, 2 / 2],
    [0.9, 2 / 4, 0, 2 / 4, 2 / 2],
  ])(
    'at threshold %d answers exactly the rows whose top confidence reaches it',
    (threshold, accuracy, inScope, precision, recall) => {
      const [figures] = thresholdSweep(rows, [threshold], 'none');
      expect(figures).toEqual({
        threshold,
        accuracy,
        inScopeAccuracy: inScope,
        oosPrecision: precision,
        oosRecall: recall,
      });
    },
  );

  it("agrees with the matcher's own outcomes at the threshold it was built with", () => {
    const test = [
      { text: 'i forgot my password', category: 'reset-password' },
      { text: 'where is my parcel', category: 'track-order' },
      { text: 'money back for the item i returned', category: 'refund-status' },
      { text: 'card refused at checkout', category: 'card-declined' },
      { text: 'what is the weather on mars', category: 'none' },
      { text: 'order me a pizza please', category: 'none' },
      { text: 'can i fax the order', category: 'none' },
    ];
    for (const threshold of [0.2, 0.5, 0.8]) {
      const matcher = AnswerMatcher.build({ entries: SUPPORT_KB, options: { threshold } });
      const { report, rows: evaluated } = evaluateMatcher(matcher, test, { noneLabel: 'none' });
      const [figures] = thresholdSweep(evaluated, [threshold], 'none');
      expect(figures).toEqual({
        threshold,
        accuracy: report.accuracy,
        inScopeAccuracy: report.inScopeAccuracy,
        oosPrecision: report.oosPrecision,
        oosRecall: report.oosRecall,
      });
    }
  });
});
