import type { KnowledgeEntry } from '../knowledge-entry.ts';
import type { LabelledText } from './labelled-csv.ts';

/** Most folds `kb eval --folds` accepts (each fold trains a matcher). */
export const MAX_FOLDS = 20;

/** One fold of a knowledge base's cross-validation: what to train on and what to test. */
export interface KnowledgeFold {
  /** Every entry with the fold's questions removed (unseen entries left out). */
  readonly entries: KnowledgeEntry[];
  /** The out-of-scope examples minus the fold's. */
  readonly outOfScope: string[];
  /**
   * The fold's questions, labelled with their entry's id, and the fold's out-of-scope examples,
   * labelled `outOfScopeLabel`. A question of an unseen entry is labelled with that entry's id
   * (the caller treats those ids as out of scope).
   */
  readonly test: LabelledText[];
}

/**
 * Splits a knowledge base for K-fold cross-validation on its own questions: question i of every
 * entry, and out-of-scope example i, go to fold i mod K, so every question is tested exactly once
 * by a matcher that never saw it, and the split is the same on every run. Titles, tags and answer
 * sentences are always trained on (they are not what a customer types). A switched-off entry is
 * trained whole in every fold and never tested (it is never answered); `unseen` entries are never trained
 * and their questions are tested as out of scope, spread over the folds the same way.
 */
export function knowledgeFolds(
  entries: readonly KnowledgeEntry[],
  outOfScope: readonly string[],
  folds: number,
  options: { unseen?: ReadonlySet<string>; outOfScopeLabel?: string } = {},
): KnowledgeFold[] {
  if (!Number.isInteger(folds) || folds < 2 || folds > MAX_FOLDS)
    throw new RangeError(`folds must be a whole number from 2 to ${MAX_FOLDS}, got ${folds}`);
  const unseen = options.unseen ?? new Set<string>();
  const label = options.outOfScopeLabel ?? '';
  return Array.from({ length: folds }, (_, fold) => {
    const inFold = (_: unknown, i: number): boolean => i % folds === fold;
    const test: LabelledText[] = [];
    const trained: KnowledgeEntry[] = [];
    for (const entry of entries) {
      if (unseen.has(entry.id)) {
        for (const text of entry.questions.filter(inFold)) test.push({ text, category: entry.id });
      } else if (entry.enabled) {
        for (const text of entry.questions.filter(inFold)) test.push({ text, category: entry.id });
        trained.push({ ...entry, questions: entry.questions.filter((q, i) => !inFold(q, i)) });
      } else {
        trained.push(entry);
      }
    }
    for (const text of outOfScope.filter(inFold)) test.push({ text, category: label });
    return { entries: trained, outOfScope: outOfScope.filter((q, i) => !inFold(q, i)), test };
  });
}
