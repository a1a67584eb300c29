import { ValidationError } from '../../shared/app.error.ts';

/** How the matcher turns confidences into an outcome. */
export interface MatcherOptions {
  /** Below this confidence the best candidate is not answered (`no-match`). */
  readonly threshold: number;
  /** When the runner-up is within this much of the best, ask "did you mean…?" (`ambiguous`). */
  readonly ambiguityMargin: number;
  /** How many candidates a result carries. */
  readonly topN: number;
  /**
   * When the runner-up's confidence is at least this fraction of the best's, the two are of
   * similar weight: ask "did you mean…?" (`ambiguous`, reason `close`). 1 turns the rule off.
   */
  readonly closeRatio: number;
  /**
   * A message with at most this many known content words is short: when its words fit two or
   * more entries, or the best entry is marked `escalate`, ask "did you mean…?" instead of
   * answering (`ambiguous`, reason `vague`), unless it is nearly one of the entry's own phrasings.
   * 0 turns the rule off.
   */
  readonly vagueTerms: number;
}

/**
 * The one set of defaults: the server's `config.match` (when no `MATCH_*` variable is set), the
 * CLIs and the benches all start from it, so an admin measures the bot customers talk to.
 * Confidence is a calibrated probability that the answer is right (see `AnswerMatcher`), so
 * `threshold` 0.4 reads "answer when at least 40% likely to be right": a wrong answer costs a
 * customer more than a "did not understand" with an offer of a person.
 */
export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = Object.freeze({
  threshold: 0.4,
  ambiguityMargin: 0.1,
  topN: 3,
  closeRatio: 0.6,
  vagueTerms: 2,
});

/** Fills in defaults and rejects impossible values, listing every problem. */
export function resolveMatcherOptions(partial: Partial<MatcherOptions> = {}): MatcherOptions {
  const options = { ...DEFAULT_MATCHER_OPTIONS, ...partial };
  const problems: string[] = [];
  if (!(options.threshold >= 0 && options.threshold <= 1))
    problems.push(`threshold must be in [0, 1], got ${options.threshold}`);
  if (!(options.ambiguityMargin >= 0 && options.ambiguityMargin <= 1)) {
    problems.push(`ambiguityMargin must be in [0, 1], got ${options.ambiguityMargin}`);
  }
  if (!Number.isInteger(options.topN) || options.topN < 1)
    problems.push(`topN must be a whole number >= 1, got ${options.topN}`);
  if (!(options.closeRatio > 0 && options.closeRatio <= 1))
    problems.push(`closeRatio must be in (0, 1], got ${options.closeRatio}`);
  if (!Number.isInteger(options.vagueTerms) || options.vagueTerms < 0)
    problems.push(`vagueTerms must be a whole number >= 0, got ${options.vagueTerms}`);
  if (problems.length > 0) throw new ValidationError('Invalid matcher options', problems);
  return Object.freeze(options);
}
