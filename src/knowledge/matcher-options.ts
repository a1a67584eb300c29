import { ValidationError } from '../shared/app-error.ts';

/** How the matcher turns confidences into an outcome. */
export interface MatcherOptions {
  /** Below this confidence the best candidate is not answered (`no-match`). */
  readonly threshold: number;
  /** When the runner-up is within this much of the best, ask "did you mean…?" (`ambiguous`). */
  readonly ambiguityMargin: number;
  /** How many candidates a result carries. */
  readonly topN: number;
}

/**
 * Defaults. Confidence is a calibrated probability that the answer is right (see `AnswerMatcher`),
 * so `threshold` 0.3 reads "answer when at least 30% likely to be right". It was first chosen on
 * BANKING77's *training* data (`bench/tune-threshold.ts`); with the calibrated confidence it keeps
 * validation in-scope accuracy within about 1.5 points of the no-threshold accuracy.
 */
export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = { threshold: 0.3, ambiguityMargin: 0.1, topN: 3 };

/** Fills in defaults and rejects impossible values, listing every problem. */
export function resolveMatcherOptions(partial: Partial<MatcherOptions> = {}): MatcherOptions {
  const options = { ...DEFAULT_MATCHER_OPTIONS, ...partial };
  const problems: string[] = [];
  if (!(options.threshold >= 0 && options.threshold <= 1)) problems.push(`threshold must be in [0, 1], got ${options.threshold}`);
  if (!(options.ambiguityMargin >= 0 && options.ambiguityMargin <= 1)) {
    problems.push(`ambiguityMargin must be in [0, 1], got ${options.ambiguityMargin}`);
  }
  if (!Number.isInteger(options.topN) || options.topN < 1) problems.push(`topN must be a whole number >= 1, got ${options.topN}`);
  if (problems.length > 0) throw new ValidationError('Invalid matcher options', problems);
  return Object.freeze(options);
}
