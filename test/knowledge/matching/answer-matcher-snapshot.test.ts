import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../src/knowledge/knowledge-entry.ts';
import {
  AnswerMatcher,
  type AnswerMatcherSnapshot,
  MATCHER_MODEL_VERSION,
} from '../../../src/knowledge/matching/answer-matcher.ts';
import { TypoCorrector, type TypoCorrectorSnapshot } from '../../../src/knowledge/matching/typo-corrector.ts';
import { SUPPORT_KB } from '../../fixtures/support-kb.ts';
import { generatedEntries, withTypos } from '../../helpers/generated-kb.ts';

const OUT_OF_SCOPE = ['can you order me a pizza', 'what is the weather', 'tell me a joke'];

/** Every phrasing of every entry, typo'd, truncated and shuffled versions of them, and unrelated texts. */
function messagesFor(entries: readonly KnowledgeEntry[]): string[] {
  const phrasings = entries.flatMap((e) => [...e.questions, e.title]);
  return [
    ...phrasings,
    ...phrasings.map(withTypos),
    ...phrasings.map((p) => p.split(' ').slice(1).join(' ')),
    ...phrasings.map((p) => p.split(' ').reverse().join(' ')),
    ...OUT_OF_SCOPE,
    'what is the capital of france',
    '',
    '?!',
    'PASSWORD!!! now',
  ];
}

/** Through `v8.serialize`, which uses the structured clone algorithm, as `postMessage` does. */
function cloned(snapshot: AnswerMatcherSnapshot): AnswerMatcherSnapshot {
  return deserialize(serialize(snapshot)) as AnswerMatcherSnapshot;
}

describe('AnswerMatcher snapshots', () => {
  it.each([
    // Every message for the fixture; every 7th for the large one (explain() is the slow part).
    ['the support fixture (dense weights, cross-validated calibration)', SUPPORT_KB, 1],
    [
      'a 400-entry generated knowledge base (hashed weights, lexical candidates, hold-out calibration)',
      generatedEntries(400),
      7,
    ],
  ])('restore to a matcher with results identical to the trained one: %s', (_name, entries, every) => {
    const trained = AnswerMatcher.build({ entries, outOfScope: OUT_OF_SCOPE });
    const restored = AnswerMatcher.restore(cloned(trained.toSnapshot()));
    const messages = messagesFor(entries).filter((_, i) => i % every === 0);

    expect(messages.length).toBeGreaterThan(150);
    for (const text of messages) {
      expect(restored.match(text)).toEqual(trained.match(text));
      expect(restored.explain(text, 8)).toEqual(trained.explain(text, 8));
    }
    // Not vacuous: the messages get answers and no-matches, and typos were corrected.
    const kinds = new Set(messages.map((text) => trained.match(text).kind));
    expect(kinds).toContain('answer');
    expect(kinds).toContain('no-match');
    expect(messages.some((text) => trained.explain(text).corrections.size > 0)).toBe(true);
  });

  it('applies the options given at restore, which training does not depend on', () => {
    const snapshot = AnswerMatcher.build({ entries: SUPPORT_KB }).toSnapshot();
    const strict = AnswerMatcher.restore(snapshot, { threshold: 1 });
    expect(strict.options.threshold).toBe(1);
    expect(strict.match('i forgot my password').kind).toBe('no-match');
    expect(AnswerMatcher.restore(snapshot).match('i forgot my password').kind).toBe('answer');
  });

  it('refuses a snapshot of another model version', () => {
    const snapshot = {
      ...AnswerMatcher.build({ entries: SUPPORT_KB }).toSnapshot(),
      modelVersion: MATCHER_MODEL_VERSION + 1,
    };
    expect(() => AnswerMatcher.restore(snapshot)).toThrow(/model version/);
  });

  it('refuses a snapshot whose model does not fit its entries', () => {
    const snapshot = { ...AnswerMatcher.build({ entries: SUPPORT_KB }).toSnapshot(), entries: SUPPORT_KB.slice(1) };
    expect(() => AnswerMatcher.restore(snapshot)).toThrow(/classes/);
  });
});

describe('TypoCorrector snapshots', () => {
  it('keep word frequencies, which decide between equally close corrections', () => {
    const corrector = new TypoCorrector(['cart', 'card', 'card', 'card', 'parcel']);
    const restored = TypoCorrector.fromSnapshot(
      deserialize(serialize(corrector.toSnapshot())) as TypoCorrectorSnapshot,
    );
    expect(corrector.correct('carz')).toBe('card');
    expect(restored.correct('carz')).toBe('card');
    expect(restored.correct('parcle')).toBe('parcel');
    expect(restored.knows('cart')).toBe(true);
  });
});
