import { describe, expect, it } from 'vitest';
import { knowledgeFolds } from '../../../src/knowledge/evaluation/cross-validation-folds.ts';
import { SUPPORT_KB } from '../../fixtures/support-kb.ts';

const EXAMPLES = ['tell me a joke', 'what is the weather', 'order me a pizza', 'who won the game', 'sing a song'];

describe('knowledgeFolds', () => {
  const folds = knowledgeFolds(SUPPORT_KB, EXAMPLES, 3, { outOfScopeLabel: 'none' });

  it('tests every question of an enabled entry, and every example, exactly once', () => {
    const tested = folds.flatMap((f) => f.test.map((row) => `${row.category}|${row.text}`)).sort();
    const expected = [
      ...SUPPORT_KB.filter((e) => e.enabled).flatMap((e) => e.questions.map((q) => `${e.id}|${q}`)),
      ...EXAMPLES.map((q) => `none|${q}`),
    ].sort();
    expect(tested).toEqual(expected);
  });

  it('never trains on a question or example of its own fold, and trains on all the others', () => {
    for (const fold of folds) {
      const held = new Set(fold.test.map((row) => row.text));
      const trained = fold.entries.flatMap((e) => e.questions);
      expect(trained.filter((q) => held.has(q))).toEqual([]);
      expect(fold.outOfScope.filter((q) => held.has(q))).toEqual([]);
      expect(trained.length + fold.test.filter((r) => r.category !== 'none').length).toBe(
        SUPPORT_KB.reduce((n, e) => n + e.questions.length, 0),
      );
      expect(fold.outOfScope.length + fold.test.filter((r) => r.category === 'none').length).toBe(EXAMPLES.length);
    }
  });

  it('keeps every entry with its title and answer in every fold; a switched-off entry whole and never tested', () => {
    const fax = SUPPORT_KB.find((e) => e.id === 'legacy-fax');
    for (const fold of folds) {
      expect(fold.entries.map((e) => [e.id, e.title, e.answer])).toEqual(
        SUPPORT_KB.map((e) => [e.id, e.title, e.answer]),
      );
      expect(fold.entries.find((e) => e.id === 'legacy-fax')).toEqual(fax);
      expect(fold.test.some((row) => row.category === 'legacy-fax')).toBe(false);
    }
  });

  it('splits question i into fold i mod K, the same on every call', () => {
    expect(folds[1]?.test.find((row) => row.category === 'cancel-order')?.text).toBe(SUPPORT_KB[1]?.questions[1]);
    expect(knowledgeFolds(SUPPORT_KB, EXAMPLES, 3, { outOfScopeLabel: 'none' })).toEqual(folds);
  });

  it('never trains an unseen entry and tests its questions under its own id', () => {
    const unseen = new Set(['opening-hours']);
    const split = knowledgeFolds(SUPPORT_KB, [], 2, { unseen });
    for (const fold of split) expect(fold.entries.map((e) => e.id)).not.toContain('opening-hours');
    expect(split.flatMap((f) => f.test).filter((row) => row.category === 'opening-hours')).toHaveLength(6);
  });

  it.each([[1], [21], [2.5]])('rejects %j folds', (k) => {
    expect(() => knowledgeFolds(SUPPORT_KB, EXAMPLES, k)).toThrow(/folds must be a whole number from 2 to 20/);
  });
});
