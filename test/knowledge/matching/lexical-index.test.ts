import { describe, expect, it } from 'vitest';
import { type LexicalHit, LexicalIndex } from '../../../src/knowledge/matching/lexical-index.ts';
import { SeededRandom } from '../../../src/ml/seeded-random.ts';

const VOCABULARY = Array.from({ length: 40 }, (_, i) => `t${i}`);

/** Random class documents over a small vocabulary, so scores tie and classes share terms. */
function randomClasses(random: SeededRandom, count: number): string[][] {
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + random.nextInt(8) }, () => VOCABULARY[random.nextInt(VOCABULARY.length)] as string),
  );
}

/** Every class sharing a term with the query, sorted by score then class: what `search` must return the head of. */
function fullRanking(index: LexicalIndex, terms: readonly string[], maxClassFraction: number): LexicalHit[] {
  return index.search(terms, Number.MAX_SAFE_INTEGER, maxClassFraction);
}

describe('LexicalIndex', () => {
  it('ranks the class with the rarest shared term first', () => {
    const index = new LexicalIndex([
      ['cancel', 'order'],
      ['track', 'order'],
      ['reset', 'password'],
    ]);
    expect(index.search(['cancel', 'order'], 3).map((hit) => hit.cls)).toEqual([0, 1]);
  });

  it.each([1, 3, 9, 64])('returns the head of the full ranking, ties by class, for limit %i', (limit) => {
    const random = new SeededRandom(limit);
    const index = new LexicalIndex(randomClasses(random, 300));
    for (let q = 0; q < 50; q += 1) {
      const terms = Array.from(
        { length: 1 + random.nextInt(5) },
        () => VOCABULARY[random.nextInt(VOCABULARY.length)] as string,
      );
      const full = fullRanking(index, terms, 0.1);
      const sorted = [...full].sort((a, b) => b.score - a.score || a.cls - b.cls);
      expect(full).toEqual(sorted);
      expect(index.search(terms, limit, 0.1)).toEqual(sorted.slice(0, limit));
    }
  });

  it('returns nothing for limit 0 and leaves the next search unaffected', () => {
    const index = new LexicalIndex([
      ['cancel', 'order'],
      ['track', 'order'],
    ]);
    expect(index.search(['order'], 0)).toEqual([]);
    expect(index.search(['track'], 5)).toEqual([{ cls: 1, score: expect.any(Number) }]);
  });
});
