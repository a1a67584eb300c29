import { detectAll } from 'tinyld';
import { looksEnglish } from './english-words.ts';

/** What `detectLanguage` found: a language (ISO 639-1 code), or why it will not say. */
export type LanguageGuess =
  | { readonly kind: 'detected'; readonly language: string; readonly accuracy: number }
  | { readonly kind: 'undetermined'; readonly reason: 'too-short' | 'unsure' };

/**
 * Below this many letters, or this many words, a message is too short to tell its language
 * reliably ("ok merci", "Paket?"): saying "I only speak English" to an English customer costs
 * more than missing a few two-word foreign messages.
 */
const MIN_LETTERS = 12;
const MIN_WORDS = 4;
/**
 * tinyld's score for its best language must reach this and lead the runner-up by this factor, or
 * the guess is `unsure` (its scores are not probabilities: a clear short sentence may score 0.1).
 * Measured on the test sentences and on 5,172 English ones (BANKING77 test, the sample knowledge).
 */
const MIN_ACCURACY = 0.1;
const MIN_LEAD = 1.5;
/**
 * Languages whose writing almost always shows letters beyond ASCII (ą, ř, ş, ő, ă…). tinyld
 * names them for technical English ("prints a readable report without --json" → Czech), so a
 * message of plain ASCII letters is never given one of them.
 */
const ACCENTED_LANGUAGES = new Set(['cs', 'sk', 'pl', 'hu', 'tr', 'ro', 'hr', 'vi']);
const NON_ASCII_LETTER = /[^\p{ASCII}]/u;
/** Parts of a support message that are in no language: links, emails, order numbers, digits. */
const NOT_LANGUAGE = /https?:\/\/\S+|\S+@\S+|\S*\p{N}\S*/gu;
/**
 * The languages tinyld may answer: those of most online shoppers. Leaving out the rare ones it
 * knows (Latin, Irish, Rundi, Esperanto…) removes its favourite mistakes on short English
 * messages; a message in a language left out is simply `unsure`.
 */
const CANDIDATE_LANGUAGES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'tr',
  'ru',
  'uk',
  'cs',
  'sk',
  'hu',
  'ro',
  'bg',
  'hr',
  'sr',
  'el',
  'sv',
  'da',
  'no',
  'fi',
  'ar',
  'he',
  'fa',
  'hi',
  'bn',
  'ur',
  'zh',
  'ja',
  'ko',
  'vi',
  'th',
  'id',
  'ms',
];

/**
 * Detects the language of a customer message with tinyld (word dictionaries for short texts,
 * character n-grams for longer ones). Guarantees: only letters count towards the minimum length;
 * a message shorter than `MIN_LETTERS` letters or `MIN_WORDS` words, or one tinyld is not sure
 * about, is `undetermined`; a message that reads as English by its words (`looksEnglish`) is
 * English whatever tinyld says; never throws.
 *
 * @example detectLanguage('Bonjour, où est ma commande ?') // { kind: 'detected', language: 'fr', … }
 */
export function detectLanguage(text: string): LanguageGuess {
  const cleaned = String(text ?? '')
    .slice(0, 1000)
    .replace(NOT_LANGUAGE, ' ');
  const words = cleaned.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const letters = cleaned.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS || words.length < MIN_WORDS) return { kind: 'undetermined', reason: 'too-short' };
  if (looksEnglish(words)) return { kind: 'detected', language: 'en', accuracy: 1 };
  const [best, second] = detectAll(cleaned, { only: CANDIDATE_LANGUAGES });
  const unsure =
    best === undefined || best.accuracy < MIN_ACCURACY || best.accuracy < MIN_LEAD * (second?.accuracy ?? 0);
  if (unsure || (ACCENTED_LANGUAGES.has(best.lang) && !NON_ASCII_LETTER.test(cleaned))) {
    return { kind: 'undetermined', reason: 'unsure' };
  }
  return { kind: 'detected', language: best.lang, accuracy: best.accuracy };
}
