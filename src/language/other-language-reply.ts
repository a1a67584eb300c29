import { fill } from '../knowledge/fill-template.ts';
import type { Responses } from '../knowledge/knowledge-base.ts';
import { detectLanguage } from './language-detector.ts';

/** What to tell a customer who wrote in a language the knowledge is not written in. */
export interface OtherLanguageReply {
  /** ISO 639-1 code of the message's language, for its record. */
  readonly language: string;
  /** `otherLanguage[language]` (else `default`) with `{languages}` filled in. */
  readonly text: string;
}

/**
 * The reply for a message the bot found no answer to, when it is in another language than the
 * knowledge's `languages`; `undefined` when it is in one of those, is English, or is too short or
 * unclear to tell, or when the responses file has no `otherLanguage` (then the usual fallback applies). English is never treated as foreign, even
 * for a knowledge base in another language: it is the language every admin and agent reads.
 *
 * @example otherLanguageReply('Où est ma commande ? Je l’attends depuis une semaine', responses)?.language // 'fr'
 */
export function otherLanguageReply(text: string, responses: Responses): OtherLanguageReply | undefined {
  const texts = responses.otherLanguage;
  if (texts === undefined) return undefined;
  const guess = detectLanguage(text);
  if (guess.kind !== 'detected') return undefined;
  const { language } = guess;
  if (language === 'en' || responses.languages.includes(language)) return undefined;
  const own = texts[language];
  // The default text is written in the knowledge's own language, so it names languages in it.
  const namesIn = own === undefined ? (responses.languages[0] ?? 'en') : language;
  return {
    language,
    text: fill(own ?? texts.default, { languages: languageNames(responses.languages, namesIn) }),
  };
}

/** "English", "Englisch und Französisch": the names of `codes` in language `locale`, as a list. */
function languageNames(codes: readonly string[], locale: string): string {
  try {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'language' });
    return new Intl.ListFormat([locale, 'en'], { type: 'conjunction' }).format(
      codes.map((code) => names.of(code) ?? code),
    );
  } catch {
    // An unusual code the runtime's ICU does not know: the codes still say it.
    return codes.join(', ');
  }
}
