import type { KnowledgeEntry } from '../knowledge-entry.ts';

/** One entry the matcher considered for a message. */
export interface Candidate {
  readonly entry: KnowledgeEntry;
  /** In [0, 1]; see `AnswerMatcher` for what it means and how it is calibrated. */
  readonly confidence: number;
  /** The customer's words (after typo correction) whose stems occur in this entry's phrasings. */
  readonly matchedTerms: string[];
}

/** The kinds of outcome, as a list so UIs and metrics cannot drift from the type. */
const MATCH_KINDS = ['answer', 'ambiguous', 'no-match'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/**
 * Why a message is asked back: `close` (the best candidates are of similar weight) or `vague` (a
 * short message whose words fit several entries, or that would start an `escalate` topic).
 */
const AMBIGUITY_REASONS = ['close', 'vague'] as const;
type AmbiguityReason = (typeof AMBIGUITY_REASONS)[number];

/**
 * What the matcher decided for one message. Candidates are best first, enabled entries only, at
 * most `topN` of them.
 * - `answer`: the best candidate is confident and clearly ahead; `entry` is `candidates[0].entry`.
 * - `ambiguous`: ask "did you mean…?" with these candidates: two or more are of similar weight
 *   (`close`), or the message is too short to tell (`vague`; then there may be only one, e.g. an
 *   `escalate` entry that must not start on a word or two).
 * - `no-match`: the best candidate is below the threshold (or nothing matched at all).
 */
export type MatchResult =
  | {
      readonly kind: 'answer';
      readonly entry: KnowledgeEntry;
      readonly confidence: number;
      readonly candidates: Candidate[];
    }
  | { readonly kind: 'ambiguous'; readonly reason: AmbiguityReason; readonly candidates: Candidate[] }
  | { readonly kind: 'no-match'; readonly candidates: Candidate[] };
