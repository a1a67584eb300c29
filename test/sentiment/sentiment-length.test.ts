import { beforeAll, describe, expect, it } from 'vitest';
import { conversationTrend } from '../../src/sentiment/conversation-trend.ts';
import { SentimentAnalyzer } from '../../src/sentiment/sentiment-analyzer.ts';
import { loadSentimentLexicon } from '../../src/sentiment/sentiment-lexicon.loader.ts';

let analyzer: SentimentAnalyzer;
const comparative = (text: string): number => analyzer.analyze(text).comparative;

beforeAll(async () => {
  analyzer = SentimentAnalyzer.create(await loadSentimentLexicon('test/fixtures/knowledge/sentiment/lexicon.yaml'));
});

const SHORT_MILD = [
  'email problem',
  'login error',
  'bit slow',
  'wrong size',
  'app issue',
  'slow reply',
  'a small problem',
  'not great',
];

const LONG_FURIOUS = [
  'I have been waiting for three weeks for this parcel, nobody answers my emails, your courier lied about delivering it and I am absolutely furious, this is the worst service I have ever had.',
  'This is disgraceful. You took my money twice, your so-called support hung up on me, and now the app says my account is locked. Useless, pathetic, I am done with you.',
  'Your driver threw the box over the fence and the lamp inside is smashed to pieces. Terrible, careless and rude when I called to complain. I want a full refund today.',
  'Third time writing about the same broken router. Every agent promises a call back that never comes. I am sick of being ignored and I am angry beyond words.',
  'The food arrived cold, hours late and half of it missing, the restaurant blamed the rider, the rider blamed you, and nobody will refund me. Absolutely unacceptable and a total scam.',
];

const NEUTRAL_PADDING =
  ' I am writing from home on a Tuesday evening about the order I placed with you at the start of the month for my sister';

describe('SentimentAnalyzer comparative (length-robust)', () => {
  it.each(SHORT_MILD.flatMap((short) => LONG_FURIOUS.map((long) => [short, long])))(
    'never rates the short "%s" angrier than the long furious message',
    (short, long) => {
      expect(comparative(short)).toBeGreaterThan(comparative(long));
    },
  );

  it.each(LONG_FURIOUS)('rates a long furious message very negative (< -0.75): %s', (text) => {
    expect(comparative(text)).toBeLessThan(-0.75);
  });

  it.each(SHORT_MILD)('keeps the short mildly negative "%s" above -0.75 (no escalation on its own)', (text) => {
    expect(comparative(text)).toBeLessThan(0);
    expect(comparative(text)).toBeGreaterThanOrEqual(-0.75);
  });

  it.each([
    ['the parcel is late'],
    ['you are useless'],
    ['thank you, that was very helpful'],
    ['still waiting for my refund'],
    ['great service, love it'],
  ])('does not change "%s" when neutral words are added', (text) => {
    expect(comparative(`${text}.${NEUTRAL_PADDING}.`)).toBe(comparative(text));
  });

  it.each([
    ['slow', 'slow and rude', 'slow, rude and useless, I am furious'],
    ['late', 'late and broken', 'late, broken and the driver was rude, terrible'],
    ['good', 'good and fast', 'good, fast and really friendly, excellent'],
  ])('moves further from zero as more sentiment is expressed: %s < %s < %s', (one, two, three) => {
    const [a, b, c] = [one, two, three].map((t) => Math.abs(comparative(t)));
    expect(b).toBeGreaterThan(a ?? 0);
    expect(c).toBeGreaterThan(b ?? 0);
    expect(c).toBeLessThan(1);
  });

  it.each([
    [
      'a short question, then a long calm message',
      ['hi', 'ok', `I would like to know about my order.${NEUTRAL_PADDING}`],
    ],
    ['a short mild message after calm ones', ['hello', 'I have a question about my invoice', 'bit slow']],
  ])('does not call "%s" getting angrier', (_name, texts) => {
    expect(conversationTrend(texts.map(comparative)).gettingAngrier).toBe(false);
  });

  it.each([
    [
      'calm, then a problem, then fury',
      ['hello', 'my parcel has a problem', 'this is ridiculous, useless service, I am furious!!'],
    ],
    ['calm then long anger', ['hi there', 'still waiting', LONG_FURIOUS[0] ?? '']],
  ])('calls "%s" getting angrier', (_name, texts) => {
    expect(conversationTrend(texts.map(comparative)).gettingAngrier).toBe(true);
  });
});
