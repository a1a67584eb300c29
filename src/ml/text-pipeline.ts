import natural from '../shared/natural.ts';
import { expandContractions } from './contractions.ts';
import { STOP_WORDS } from './stop-words.ts';

/**
 * The text pipeline every knowledge phrasing and every customer message goes through, one exported
 * stage per step so each can be tested on its own:
 *
 * `normalise` (NFKC, lower case, curly quotes, contractions, punctuation) → `tokenise` (natural's
 * RegexpTokenizer on Unicode letters and digits) → `removeStopWords` → `stem` (natural's Porter
 * stemmer). `analyse` runs them all.
 */

const APOSTROPHES = /[\u2018\u2019\u201b\u2032\u0060\u00b4]/g;
const NON_WORD = /[^\p{L}\p{N}']+/gu;
const STRAY_APOSTROPHE = /'/g;
const SPACES = /\s+/g;

const tokenizer = new natural.RegexpTokenizer({ pattern: /[^\p{L}\p{N}]+/u });

/**
 * Lower-cases, applies Unicode NFKC (full-width letters, ligatures), unifies apostrophes, expands
 * contractions ("can't" → "can not", "whats" → "what is") and replaces punctuation with spaces.
 *
 * @example normalise("I CAN’T log-in!!") // "i can not log in"
 */
export function normalise(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'");
  return expandContractions(lower.replace(NON_WORD, ' ')).replace(STRAY_APOSTROPHE, '').replace(SPACES, ' ').trim();
}

/** Splits normalised text into word tokens (letters and digits, any script). */
export function tokenise(normalised: string): string[] {
  if (normalised === '') return [];
  return tokenizer.tokenize(normalised);
}

/** Drops stop words; negations and question words are kept (see `STOP_WORDS`). */
export function removeStopWords(tokens: readonly string[]): string[] {
  return tokens.filter((token) => !STOP_WORDS.has(token));
}

const STEM_CACHE_LIMIT = 100_000;
// A pure memo (same input, same output), bounded, so sharing it between matchers is harmless.
const stemCache = new Map<string, string>();

/** Porter-stems one token ("cancelled" → "cancel"). Numbers and one- or two-letter words pass unchanged. */
export function stem(token: string): string {
  const cached = stemCache.get(token);
  if (cached !== undefined) return cached;
  const stemmed = token.length < 3 || !/\p{L}/u.test(token) ? token : natural.PorterStemmer.stem(token);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(token, stemmed);
  return stemmed;
}

/** Porter-stems every token. */
export function stemTokens(tokens: readonly string[]): string[] {
  return tokens.map(stem);
}

/** Every stage's output for one text. */
export interface AnalysedText {
  readonly normalised: string;
  /** All tokens, stop words included (the classifier's input). */
  readonly tokens: readonly string[];
  /** Stems of all tokens, aligned with `tokens`. */
  readonly stems: readonly string[];
  /** Stems of the tokens that are not stop words (the lexical index's terms). */
  readonly terms: readonly string[];
}

/**
 * Runs the whole pipeline.
 *
 * @example analyse("Why can't I cancel my order?").terms // ["why", "can", "not", "cancel", "order"]
 */
export function analyse(text: string): AnalysedText {
  const normalised = normalise(text);
  const tokens = tokenise(normalised);
  const stems = stemTokens(tokens);
  const terms = stems.filter((_, i) => !STOP_WORDS.has(tokens[i] as string));
  return { normalised, tokens, stems, terms };
}
