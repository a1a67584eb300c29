import { SeededRandom } from '../../ml/index.ts';
import type { AnswerMatcher } from '../matching/answer-matcher.ts';
import type { LabelledText } from './labelled-csv.ts';

/** One evaluated test row. */
export interface EvaluatedRow {
  readonly text: string;
  readonly expected: string;
  /** The top candidate's id for `answer` and `ambiguous`; the none label (or '') for `no-match`. */
  readonly predicted: string;
  readonly confidence: number;
  /** The best candidate's id whatever the outcome ('' when the message shares nothing with the knowledge). */
  readonly topCandidate: string;
  readonly outOfScope: boolean;
  readonly correct: boolean;
}

/** Aggregate figures of one evaluation; `null` where not applicable. */
export interface EvaluationReport {
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly inScopeAccuracy: number | null;
  readonly oosPrecision: number | null;
  readonly oosRecall: number | null;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly worstCategories: { category: string; n: number; recall: number; f1: number }[];
  readonly confusions: { expected: string; predicted: string; count: number }[];
}

/** Which test rows are out of scope: labelled `noneLabel`, or a category held out of training. */
export interface ScopeRules {
  readonly noneLabel?: string;
  readonly unseen?: ReadonlySet<string>;
}

/**
 * Picks `count` categories to hold out of training, reproducibly: the sorted categories are
 * shuffled with `seed` and the first `count` taken.
 */
export function chooseUnseenIntents(categories: Iterable<string>, count: number, seed: number): Set<string> {
  const sorted = [...new Set(categories)].sort();
  return new Set(new SeededRandom(seed).shuffle(sorted).slice(0, Math.max(0, count)));
}

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * Matches every test row and scores the outcome. `ambiguous` counts as a prediction of its top
 * candidate; `no-match` is correct exactly for out-of-scope rows. Macro-F1 averages the F1 of
 * every expected label (out-of-scope rows form one label, the none label).
 */
export function evaluateMatcher(
  matcher: AnswerMatcher,
  rows: readonly LabelledText[],
  scope: ScopeRules = {},
  onProgress?: (done: number, total: number) => void,
): { report: EvaluationReport; rows: EvaluatedRow[]; latencies: number[] } {
  const none = scope.noneLabel ?? '';
  const latencies: number[] = [];
  const evaluated = rows.map((row, i): EvaluatedRow => {
    const started = performance.now();
    const result = matcher.match(row.text);
    latencies.push(performance.now() - started);
    const outOfScope = row.category === scope.noneLabel || (scope.unseen?.has(row.category) ?? false);
    const top = result.candidates[0];
    const predicted = result.kind === 'no-match' || top === undefined ? none : top.entry.id;
    const confidence = result.kind === 'answer' ? result.confidence : (top?.confidence ?? 0);
    const correct = outOfScope ? result.kind === 'no-match' : result.kind !== 'no-match' && predicted === row.category;
    if (onProgress !== undefined && ((i + 1) % 100 === 0 || i + 1 === rows.length)) onProgress(i + 1, rows.length);
    return {
      text: row.text,
      expected: outOfScope ? none : row.category,
      predicted,
      confidence,
      topCandidate: top?.entry.id ?? '',
      outOfScope,
      correct,
    };
  });
  return { report: summariseEvaluation(evaluated, latencies, none), rows: evaluated, latencies };
}

/** The headline figures at one threshold of a sweep. */
export interface ThresholdFigures {
  readonly threshold: number;
  readonly accuracy: number;
  readonly inScopeAccuracy: number | null;
  readonly oosPrecision: number | null;
  readonly oosRecall: number | null;
}

/**
 * What the evaluated rows would have scored at each threshold, without matching again: the matcher
 * answers (or asks "did you mean") exactly when its best candidate's confidence reaches the
 * threshold, and `ambiguous` counts as its top candidate, so a row's outcome at threshold t
 * follows from its top candidate and that candidate's confidence.
 */
export function thresholdSweep(
  rows: readonly EvaluatedRow[],
  thresholds: readonly number[],
  none: string,
): ThresholdFigures[] {
  return thresholds.map((threshold) => {
    const at = rows.map((row): EvaluatedRow => {
      const answered = row.topCandidate !== '' && row.confidence >= threshold;
      const predicted = answered ? row.topCandidate : none;
      return { ...row, predicted, correct: row.outOfScope ? !answered : answered && predicted === row.expected };
    });
    const { accuracy, inScopeAccuracy, oosPrecision, oosRecall } = summariseEvaluation(at, [], none);
    return { threshold, accuracy, inScopeAccuracy, oosPrecision, oosRecall };
  });
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** The figures for evaluated rows (of one run, or of every fold of a cross-validation) and their match latencies. */
export function summariseEvaluation(
  rows: readonly EvaluatedRow[],
  latencies: readonly number[],
  none: string,
): EvaluationReport {
  const labels = new Set<string>();
  const stats = new Map<string, { tp: number; fp: number; fn: number; n: number }>();
  const stat = (label: string) => {
    let s = stats.get(label);
    if (s === undefined) {
      s = { tp: 0, fp: 0, fn: 0, n: 0 };
      stats.set(label, s);
    }
    return s;
  };
  const confusions = new Map<string, number>();
  for (const row of rows) {
    labels.add(row.expected);
    stat(row.expected).n += 1;
    if (row.correct) stat(row.expected).tp += 1;
    else {
      stat(row.expected).fn += 1;
      stat(row.predicted).fp += 1;
      const key = `${row.expected}\u0000${row.predicted}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
  }
  const f1 = (s: { tp: number; fp: number; fn: number }): number =>
    s.tp === 0 ? 0 : (2 * s.tp) / (2 * s.tp + s.fp + s.fn);
  const inScope = rows.filter((r) => !r.outOfScope);
  const oos = rows.filter((r) => r.outOfScope);
  const predictedNone = rows.filter((r) => r.predicted === none);
  return {
    n: rows.length,
    accuracy: rows.length === 0 ? 0 : rows.filter((r) => r.correct).length / rows.length,
    macroF1: labels.size === 0 ? 0 : [...labels].reduce((sum, label) => sum + f1(stat(label)), 0) / labels.size,
    inScopeAccuracy: ratio(inScope.filter((r) => r.correct).length, inScope.length),
    oosPrecision:
      oos.length === 0 ? null : ratio(predictedNone.filter((r) => r.outOfScope).length, predictedNone.length),
    oosRecall: ratio(oos.filter((r) => r.correct).length, oos.length),
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    worstCategories: [...stats]
      .filter(([, s]) => s.n > 0)
      .map(([category, s]) => ({ category, n: s.n, recall: s.tp / s.n, f1: f1(s) }))
      .sort((a, b) => a.f1 - b.f1 || a.category.localeCompare(b.category))
      .slice(0, 10),
    confusions: [...confusions]
      .map(([key, count]) => {
        const [expected = '', predicted = ''] = key.split('\u0000');
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected))
      .slice(0, 10),
  };
}
