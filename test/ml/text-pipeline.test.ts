import { describe, expect, it } from 'vitest';
import { expandContractions } from '../../src/ml/contractions.ts';
import { analyse, normalise, removeStopWords, stem, stemTokens, tokenise } from '../../src/ml/text-pipeline.ts';

describe('normalise', () => {
  it.each([
    ["I CAN'T log in!!", 'i can not log in'],
    ['I can’t log-in', 'i can not log in'],
    ["don't", 'do not'],
    ['dont', 'do not'],
    ['whats the fee?', 'what is the fee'],
    ["what's the fee?", 'what is the fee'],
    ["won't arrive", 'will not arrive'],
    ["it isn't working", 'it is not working'],
    ["I'm locked out", 'i am locked out'],
    ["my card's been declined", 'my card been declined'],
    ['Ｆｕｌｌ ｗｉｄｔｈ', 'full width'],
    ['ﬁle', 'file'],
    ['  lots   of\tspace\n', 'lots of space'],
    ['order #NW-123456, please', 'order nw 123456 please'],
    ['Café NAÏVE', 'café naïve'],
    ['', ''],
    ['?!...', ''],
  ])('turns %j into %j', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });
});

describe('expandContractions', () => {
  it('leaves ambiguous apostrophe-less words alone', () => {
    expect(expandContractions('its ill well were lets')).toBe('its ill well were lets');
  });
});

describe('tokenise', () => {
  it.each([
    ['where is my order', ['where', 'is', 'my', 'order']],
    ['order 42 now', ['order', '42', 'now']],
    ['', []],
  ])('splits %j into words', (input, expected) => {
    expect(tokenise(input)).toEqual(expected);
  });
});

describe('removeStopWords', () => {
  it('keeps negations, question words and support verbs', () => {
    const kept = removeStopWords([
      'not',
      'no',
      'never',
      'cancel',
      'where',
      'how',
      'when',
      'why',
      'what',
      'which',
      'who',
      'can',
    ]);
    expect(kept).toEqual([
      'not',
      'no',
      'never',
      'cancel',
      'where',
      'how',
      'when',
      'why',
      'what',
      'which',
      'who',
      'can',
    ]);
  });

  it('drops function words', () => {
    expect(removeStopWords(['i', 'want', 'to', 'cancel', 'the', 'order'])).toEqual(['cancel', 'order']);
  });
});

describe('stem', () => {
  it.each([
    ['cancelled', 'cancel'],
    ['cancelling', 'cancel'],
    ['refunds', 'refund'],
    ['delivery', 'deliveri'],
    ['42', '42'],
    ['is', 'is'],
  ])('stems %j to %j', (token, expected) => {
    expect(stem(token)).toBe(expected);
  });

  it('stems every token in order', () => {
    expect(stemTokens(['charges', 'charged'])).toEqual(['charg', 'charg']);
  });
});

describe('analyse', () => {
  it('runs every stage and keeps the negation', () => {
    const result = analyse("Why can't I cancel my orders?");
    expect(result.normalised).toBe('why can not i cancel my orders');
    expect(result.tokens).toEqual(['why', 'can', 'not', 'i', 'cancel', 'my', 'orders']);
    expect(result.stems).toEqual(['why', 'can', 'not', 'i', 'cancel', 'my', 'order']);
    expect(result.terms).toEqual(['why', 'can', 'not', 'cancel', 'order']);
  });
});
