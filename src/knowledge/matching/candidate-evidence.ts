import type { CandidateEvidence } from './confidence-calibrator.ts';
import type { ClassScore, MatcherModel, PreparedMessage } from './matcher-model.ts';

/** Classes less probable than this get similarity 0 without a search (their confidence is near 0 anyway). */
const MIN_SEARCHED_PROBABILITY = 0.02;

/** A class and the evidence for it. */
export interface ClassEvidence {
  readonly cls: number;
  readonly evidence: CandidateEvidence;
}

/**
 * The evidence (probability, margin to the best other class, word coverage, nearest-phrasing
 * similarity; 0 below `MIN_SEARCHED_PROBABILITY`) for the first `count` of `scores` (class probabilities, best first). Used both when
 * matching and when fitting the calibrator, so the two cannot drift.
 */
export function evidenceFor(
  model: MatcherModel,
  message: PreparedMessage,
  scores: readonly ClassScore[],
  count: number,
): ClassEvidence[] {
  const top = scores.slice(0, count);
  // Nearest-phrasing search costs a pass over the class's phrasings: skip it for hopeless classes.
  const searched = top.filter((s) => s.probability >= MIN_SEARCHED_PROBABILITY);
  const similarities = model.similarities(
    message,
    searched.map((s) => s.cls),
  );
  const content = [...new Set(message.analysed.terms)];
  const best = scores[0]?.probability ?? 0;
  const second = scores[1]?.probability ?? 0;
  return top.map(({ cls, probability }, k) => {
    const shared = content.filter((term) => model.lexical.classHas(cls, term)).length;
    return {
      cls,
      evidence: {
        probability,
        margin: probability - (k === 0 ? second : best),
        coverage: content.length === 0 ? 0 : shared / content.length,
        similarity: k < searched.length ? (similarities[k] as number) : 0,
      },
    };
  });
}

/** The probabilities with class `cls` removed and the rest renormalised: "what if that entry did not exist". */
export function withoutClass(scores: readonly ClassScore[], cls: number): ClassScore[] {
  const removed = scores.find((s) => s.cls === cls)?.probability ?? 0;
  const rest = Math.max(1e-9, 1 - removed);
  return scores.filter((s) => s.cls !== cls).map((s) => ({ cls: s.cls, probability: s.probability / rest }));
}
