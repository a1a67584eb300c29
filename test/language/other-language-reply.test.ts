import { describe, expect, it } from 'vitest';
import type { Responses } from '../../src/knowledge/knowledge-base.ts';
import { otherLanguageReply } from '../../src/language/other-language-reply.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';

const responses: Responses = {
  ...FIXTURE_KB.responses,
  languages: ['en'],
  otherLanguage: { default: 'I can only chat in {languages}.', fr: 'Je ne parle que {languages}.' },
};

describe('otherLanguageReply', () => {
  it('answers in the customer’s language when the file has it, naming the bot’s languages in it', () => {
    expect(otherLanguageReply('Bonjour, je voudrais savoir où est ma commande.', responses)).toEqual({
      language: 'fr',
      text: 'Je ne parle que anglais.',
    });
  });

  it('falls back to the default text, in the knowledge’s language, for a language the file lacks', () => {
    expect(otherLanguageReply('Wo ist meine Bestellung? Ich warte seit einer Woche darauf.', responses)).toEqual({
      language: 'de',
      text: 'I can only chat in English.',
    });
  });

  it('lists every language of the knowledge', () => {
    const bilingual = { ...responses, languages: ['en', 'de'] };
    expect(otherLanguageReply('Hola, ¿dónde está mi pedido? Hace diez días que lo compré.', bilingual)?.text).toBe(
      'I can only chat in English and German.',
    );
  });

  it('says nothing when the responses file has no otherLanguage (the fallback applies)', () => {
    const { otherLanguage: _left, ...without } = responses;
    expect(otherLanguageReply('Bonjour, je voudrais savoir où est ma commande.', without)).toBeUndefined();
  });

  it.each([
    [
      'a language the knowledge is written in',
      'Wo ist meine Bestellung? Ich warte seit einer Woche darauf.',
      ['en', 'de'],
    ],
    ['English', 'where is my parcel, it should have arrived on monday', ['de']],
    ['too short to tell', 'merci', ['en']],
  ])('says nothing for %s', (_case, text, languages) => {
    expect(otherLanguageReply(text, { ...responses, languages })).toBeUndefined();
  });
});
