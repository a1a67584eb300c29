import type { MissScore } from './insights-knowledge.ts';
import type { SuggestionAction, SuggestionEvidence } from './suggestion.ts';

/** One distinct phrasing of a group, as the suggestion rule weighs it. */
export interface WeighedPhrasing {
  /** How many messages used it. */
  readonly weight: number;
  readonly score: MissScore;
  /** The "did you mean" entries its customers picked, one per message that picked one. */
  readonly chosen: readonly string[];
  /** Entries its customers said were wrong (an unhelpful answer, "none of these"). */
  readonly rejected: ReadonlySet<string>;
}

/** What to do with a group and why. */
export interface GroupAdvice {
  readonly action: SuggestionAction;
  readonly entryId: string | null;
  readonly evidence: SuggestionEvidence;
}

/** Mean out-of-scope probability at or above which a group is suggested as not our topic. */
const OUT_OF_SCOPE_AT = 0.5;
/**
 * Below this mean confidence of the best entry over the group's messages, no entry fits and a new
 * entry is suggested. Confidences are calibrated probabilities (see `AnswerMatcher`).
 */
const NEW_ENTRY_BELOW = 0.08;

function weightedMean(phrasings: readonly WeighedPhrasing[], value: (p: WeighedPhrasing) => number): number {
  const total = phrasings.reduce((sum, p) => sum + p.weight, 0);
  return total === 0 ? 0 : phrasings.reduce((sum, p) => sum + p.weight * value(p), 0) / total;
}

function bestConfidence(phrasings: readonly WeighedPhrasing[], entryId: string): number | null {
  let best: number | null = null;
  for (const p of phrasings) {
    const found = p.score.candidates.find((c) => c.entryId === entryId);
    if (found !== undefined && (best === null || found.confidence > best)) best = found.confidence;
  }
  return best;
}

/** The entry with the highest count in `counts`; ties go to the entry seen first. */
function top(counts: Map<string, number>): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const pair of counts) if (best === undefined || pair[1] > best[1]) best = pair;
  return best;
}

/**
 * Decides a group's suggestion. The customers' own "did you mean" choices win (the most chosen
 * entry that still exists); else a group that looks like the out-of-scope examples is suggested as
 * out of scope; else the entry with the highest mean served confidence over the group's messages
 * (a phrasing gives none to an entry its customers rejected), unless even that is below
 * {@link NEW_ENTRY_BELOW}: then nothing fits and a new entry is suggested.
 */
export function adviseGroup(phrasings: readonly WeighedPhrasing[], entryIds: ReadonlySet<string>): GroupAdvice {
  const chosen = new Map<string, number>();
  for (const p of phrasings) for (const id of p.chosen) if (entryIds.has(id)) chosen.set(id, (chosen.get(id) ?? 0) + 1);
  const picked = top(chosen);
  if (picked !== undefined) {
    const [entryId, count] = picked;
    return {
      action: 'add-phrasings',
      entryId,
      evidence: { confidence: bestConfidence(phrasings, entryId), chosenByCustomers: count },
    };
  }
  if (weightedMean(phrasings, (p) => p.score.outOfScope ?? 0) >= OUT_OF_SCOPE_AT) {
    return { action: 'out-of-scope', entryId: null, evidence: { confidence: null, chosenByCustomers: 0 } };
  }
  const support = new Map<string, number>();
  for (const p of phrasings) {
    for (const c of p.score.candidates) {
      if (entryIds.has(c.entryId) && !p.rejected.has(c.entryId))
        support.set(c.entryId, (support.get(c.entryId) ?? 0) + p.weight * c.confidence);
    }
  }
  const best = top(support);
  const total = phrasings.reduce((sum, p) => sum + p.weight, 0);
  if (best === undefined || best[1] / total < NEW_ENTRY_BELOW) {
    return { action: 'new-entry', entryId: null, evidence: { confidence: null, chosenByCustomers: 0 } };
  }
  return {
    action: 'add-phrasings',
    entryId: best[0],
    evidence: { confidence: bestConfidence(phrasings, best[0]), chosenByCustomers: 0 },
  };
}
