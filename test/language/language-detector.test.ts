import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectLanguage } from '../../src/language/language-detector.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';
import { FOREIGN_MESSAGES } from './foreign-messages.ts';

const foreign = Object.entries(FOREIGN_MESSAGES).flatMap(([language, texts]) =>
  texts.map((text) => [language, text] as const),
);

/** English support messages written for this test: plain, misspelt, with codes and acronyms. */
const ENGLISH = [
  'where is my parcel, it should have arrived on monday',
  'can i pay with paypal at checkout',
  'do you ship to canada and how much is it',
  'my refund for order NW-123456 still has not shown up',
  'the jacket i got is the wrong size, can i swap it',
  'is GST charged on delivery to australia',
  'pls help cant login since the update',
  'stop sending me marketing emails',
  'I was charged twice for the same order!!',
  'how do i get an invoice with my VAT number',
  'hi there, i need to speak with a manager about a broken lamp',
  'what does the Northwind Plus membership cost per year',
  'prints a readable report without the json flag',
  'answers unknown routes with a plain 404',
  'cross checks the training file the same way as before',
];

/** The fixture knowledge's own questions: every one is English. */
function fixtureQuestions(): string[] {
  const dir = path.join(FIXTURE_KNOWLEDGE_DIR, 'faq');
  return ['account.yaml', 'orders.yaml', 'returns.yaml'].flatMap((file) => {
    const { entries } = parse(readFileSync(path.join(dir, file), 'utf8')) as { entries: { questions: string[] }[] };
    return entries.flatMap((entry) => entry.questions);
  });
}

describe('detectLanguage', () => {
  it.each(foreign)('detects %s in %j', (language, text) => {
    const guess = detectLanguage(text);
    // A few short ones may be left undetermined; none may be given another language.
    if (guess.kind === 'detected') expect(guess.language).toBe(language);
  });

  it.each(Object.keys(FOREIGN_MESSAGES))('detects most of the %s messages', (language) => {
    const texts = FOREIGN_MESSAGES[language] ?? [];
    const right = texts.filter((text) => {
      const guess = detectLanguage(text);
      return guess.kind === 'detected' && guess.language === language;
    });
    expect(right.length / texts.length).toBeGreaterThanOrEqual(0.8);
  });

  it.each(ENGLISH)('never takes the English message %j for another language', (text) => {
    const guess = detectLanguage(text);
    expect(guess.kind === 'detected' ? guess.language : 'en').toBe('en');
  });

  it('never takes a question of the fixture knowledge for another language', () => {
    const questions = fixtureQuestions();
    expect(questions.length).toBeGreaterThan(100);
    const flagged = questions.filter((text) => {
      const guess = detectLanguage(text);
      return guess.kind === 'detected' && guess.language !== 'en';
    });
    expect(flagged).toEqual([]);
  });

  it.each([['merci'], ['ok danke'], ['Paket?'], ['¿dónde?'], ['NW-123456 12/03'], [''], ['https://example.com/a/b']])(
    'says nothing about %j: too short to tell',
    (text) => {
      expect(detectLanguage(text)).toEqual({ kind: 'undetermined', reason: 'too-short' });
    },
  );

  it('does not count links, emails and order numbers as words', () => {
    expect(detectLanguage('NW-123456 NW-654321 https://northwind.example/x a@b.co').kind).toBe('undetermined');
  });
});
