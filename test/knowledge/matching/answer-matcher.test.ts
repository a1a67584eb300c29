import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerMatcher } from '../../../src/knowledge/matching/answer-matcher.ts';
import { DEFAULT_MATCHER_OPTIONS } from '../../../src/knowledge/matching/matcher-options.ts';
import { ValidationError } from '../../../src/shared/app.error.ts';
import { SUPPORT_KB } from '../../fixtures/support-kb.ts';

describe('AnswerMatcher', () => {
  let matcher: AnswerMatcher;
  beforeAll(() => {
    matcher = AnswerMatcher.build({ entries: SUPPORT_KB });
  });

  it.each([
    ['i forgot my password', 'reset-password'],
    ['i forgot my pasword', 'reset-password'],
    ["I can't remember my password", 'reset-password'],
    ['i cant remember my pasword', 'reset-password'],
    ['how do i cancell my ordr', 'cancel-order'],
    ['I want to cancel my order', 'cancel-order'],
    ['wher is my parcel', 'track-order'],
    ['where is my package?', 'track-order'],
    ['my card is not working', 'card-declined'],
    ['my card doesnt work', 'card-declined'],
    ['when will my refund arrive', 'refund-status'],
    ['WHEN ARE YOU OPEN', 'opening-hours'],
  ])('answers %j with %s', (text, id) => {
    const result = matcher.match(text);
    expect(result.kind).toBe('answer');
    if (result.kind !== 'answer') return;
    expect(result.entry.id).toBe(id);
    expect(result.confidence).toBeGreaterThanOrEqual(DEFAULT_MATCHER_OPTIONS.threshold);
    expect(result.candidates[0]?.entry.id).toBe(id);
  });

  it.each([['what is the capital of france'], ['tell me a joke about penguins'], [''], ['   '], ['?!?!']])(
    'gives no-match for %j',
    (text) => {
      expect(matcher.match(text).kind).toBe('no-match');
    },
  );

  it('never answers or suggests a disabled entry, even when asked about it directly', () => {
    for (const text of ['can i send my order by fax', 'fax number for orders']) {
      const result = matcher.match(text);
      expect(result.kind === 'answer' ? result.entry.id : '').not.toBe('legacy-fax');
      expect(result.candidates.map((c) => c.entry.id)).not.toContain('legacy-fax');
    }
  });

  describe('with out-of-scope examples', () => {
    const OUT_OF_SCOPE = [
      'can you order me a pizza',
      'order a taxi for me',
      'book me a table at a restaurant',
      'order food delivery from a restaurant',
      'what is the weather',
      'who won the game last night',
    ];
    let guarded: AnswerMatcher;
    beforeAll(() => {
      guarded = AnswerMatcher.build({ entries: SUPPORT_KB, outOfScope: OUT_OF_SCOPE });
    });

    it.each([['please order me a pizza'], ['order me a taxi please']])(
      'gives no-match for %j, which shares "order" with entries but is like the examples',
      (text) => {
        const result = guarded.match(text);
        expect(result.kind).toBe('no-match');
        expect(guarded.explain(text).outOfScopeProbability).toBeGreaterThan(0.5);
        // No entry is nearly the answer: the examples decide it, not a confidence just under the threshold.
        for (const candidate of result.candidates)
          expect(candidate.confidence).toBeLessThan(DEFAULT_MATCHER_OPTIONS.threshold);
      },
    );

    it.each([
      ['where is my order', 'track-order'],
      ['I want to cancel my order', 'cancel-order'],
      ['i forgot my password', 'reset-password'],
      ['my card is not working', 'card-declined'],
    ])('still answers %j with %s, never with the out-of-scope class', (text, id) => {
      const result = guarded.match(text);
      expect(result.kind).toBe('answer');
      if (result.kind === 'answer') expect(result.entry.id).toBe(id);
      expect(guarded.explain(text).outOfScopeProbability).toBeLessThan(0.1);
      for (const candidate of guarded.rank(text, 10)) expect(SUPPORT_KB).toContain(candidate.entry);
    });

    it('reports no out-of-scope probability when there are no examples', () => {
      expect(matcher.explain('please order me a pizza').outOfScopeProbability).toBeNull();
      expect(
        AnswerMatcher.build({ entries: SUPPORT_KB, outOfScope: ['  ', ''] }).explain('pizza').outOfScopeProbability,
      ).toBeNull();
    });
  });

  it('keeps the negation as a matched term', () => {
    const [top] = matcher.rank('my card is not working', 1);
    expect(top?.entry.id).toBe('card-declined');
    expect(top?.matchedTerms).toEqual(expect.arrayContaining(['card', 'not']));
  });

  it('reports matched words after typo correction', () => {
    const [top] = matcher.rank('i forgot my pasword', 1);
    expect(top?.matchedTerms).toContain('password');
  });

  it('returns confidences in [0, 1], best first, at most topN', () => {
    const candidates = matcher.rank('order', 5);
    expect(candidates.length).toBeLessThanOrEqual(5);
    for (const c of candidates) expect(c.confidence).toBeGreaterThanOrEqual(0);
    for (const c of candidates) expect(c.confidence).toBeLessThanOrEqual(1);
    const confidences = candidates.map((c) => c.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(matcher.match('order').candidates.length).toBeLessThanOrEqual(DEFAULT_MATCHER_OPTIONS.topN);
  });

  it('asks "did you mean" when two entries are within the margin', () => {
    const wide = AnswerMatcher.build({ entries: SUPPORT_KB, options: { threshold: 0, ambiguityMargin: 1 } });
    const result = wide.match('order');
    expect(result.kind).toBe('ambiguous');
    expect(result.candidates.length).toBeGreaterThanOrEqual(2);
  });

  it('gives no-match when the threshold is above every confidence', () => {
    const strict = AnswerMatcher.build({ entries: SUPPORT_KB, options: { threshold: 1 } });
    const result = strict.match('i forgot my password');
    expect(result.kind).toBe('no-match');
    expect(result.candidates[0]?.entry.id).toBe('reset-password');
  });

  it('truncates very long input instead of throwing', () => {
    const long = `i forgot my password ${'blah '.repeat(2000)}`;
    expect(long.length).toBeGreaterThan(10_000);
    const result = matcher.match(long);
    expect(result.candidates[0]?.entry.id).toBe('reset-password');
  });

  it('is deterministic: two builds give the same confidences', () => {
    const again = AnswerMatcher.build({ entries: SUPPORT_KB });
    expect(again.rank('where is my refund', 3).map((c) => [c.entry.id, c.confidence])).toEqual(
      matcher.rank('where is my refund', 3).map((c) => [c.entry.id, c.confidence]),
    );
  });

  it("learns an entry's vocabulary from its answer, not only from its questions", () => {
    const withAnswer = SUPPORT_KB.map((e) =>
      e.id === 'track-order'
        ? { ...e, answer: 'Your courier posts a tracking link by text message once the parcel leaves us.' }
        : e,
    );
    const text = 'has the courier sent a text yet';
    const learned = AnswerMatcher.build({ entries: withAnswer });
    expect(learned.rank(text, 1)[0]?.entry.id).toBe('track-order');
    // The answer's words are what lift it: the same entry without them is less sure of the text.
    const trackOrder = (m: AnswerMatcher): number =>
      m.rank(text, SUPPORT_KB.length).find((c) => c.entry.id === 'track-order')?.confidence ?? 0;
    expect(trackOrder(learned)).toBeGreaterThan(trackOrder(matcher));
  });

  it('builds from no entries and answers nothing', () => {
    expect(AnswerMatcher.build({ entries: [] }).match('hello').kind).toBe('no-match');
  });

  it('rejects impossible options with every problem listed', () => {
    expect(() => AnswerMatcher.build({ entries: SUPPORT_KB, options: { threshold: 2, topN: 0 } })).toThrow(
      ValidationError,
    );
    try {
      AnswerMatcher.build({ entries: SUPPORT_KB, options: { threshold: 2, topN: 0 } });
    } catch (error) {
      expect((error as ValidationError).problems).toHaveLength(2);
    }
  });

  it('explains what it saw', () => {
    const explanation = matcher.explain('i forgot my pasword');
    expect(explanation.corrections.get('pasword')).toBe('password');
    expect(explanation.terms).toContain('password');
    expect(explanation.result.kind).toBe('answer');
  });
});
