import { analyse } from '../../ml/index.ts';
import type { MatcherModel, PreparedMessage } from './matcher-model.ts';

/**
 * How much a message says about which entry it means, apart from the classifier's confidence. A
 * one- or two-word message ("payment", "my account") can get a high confidence simply because one
 * entry used its word most in training, while the word fits several entries equally well.
 */
export interface MessageSpecificity {
  /** Distinct content words (stems, stop words left out): a short message has few. */
  readonly contentTerms: number;
  /** How many of them occur in the knowledge. */
  readonly knownTerms: number;
  /** Words the typo corrector replaced (a guess, so weak evidence that the message is on topic). */
  readonly correctedWords: number;
  /**
   * Enabled entries for which the words are typical: a share of the entry's phrasings holding all
   * of them at least `TYPICAL_SHARE_RATIO` of the highest such share. How many topics the words fit.
   */
  readonly fittingEntries: number;
  /**
   * Entries with a question or title of exactly these content words ("klarna", "track my order"
   * for "track order"): the admin said what those words mean.
   */
  readonly ownQuestionOf: readonly number[];
}

/**
 * An entry fits a message's words when at least this fraction as many of its phrasings hold them
 * as of the entry where they are most common. Counting every entry that mentions a word anywhere
 * would call "stolen card" vague in a bank's knowledge (seven intents mention both words once).
 */
const TYPICAL_SHARE_RATIO = 0.5;
/** Past this many entries mentioning every word, the words fit too many topics to count shares. */
const MAX_SHARE_CLASSES = 64;

/** A text's content words as a key: order, repeats and stop words do not matter. */
function termSignature(terms: readonly string[]): string {
  return [...new Set(terms)].sort().join(' ');
}

/**
 * Which classes have a question (or title) of each set of content words: `questions[c]` are
 * class `c`'s question-like texts. Built once per matcher, on the first short message.
 */
export function questionSignatures(questions: readonly (readonly string[])[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  questions.forEach((texts, cls) => {
    for (const text of texts) {
      const key = termSignature(analyse(text).terms);
      if (key === '') continue;
      const classes = byKey.get(key) ?? [];
      if (!classes.includes(cls)) classes.push(cls);
      byKey.set(key, classes);
    }
  });
  return byKey;
}

/**
 * Measures `message` against the knowledge: `isAnswerable(cls)` says which classes are enabled
 * entries (the out-of-scope class and disabled entries fit nothing); `signatures` is
 * `questionSignatures` of the entries.
 */
export function messageSpecificity(
  model: MatcherModel,
  message: PreparedMessage,
  isAnswerable: (cls: number) => boolean,
  signatures: () => ReadonlyMap<string, readonly number[]>,
  maxTerms: number,
): MessageSpecificity {
  const content = [...new Set(message.analysed.terms)];
  const known = content.filter((term) => model.lexical.has(term));
  const counts = { contentTerms: content.length, knownTerms: known.length, correctedWords: message.corrections.size };
  // Longer messages are never vague: skip the work.
  if (known.length === 0 || content.length > maxTerms) return { ...counts, fittingEntries: 0, ownQuestionOf: [] };
  const mentioning = model.lexical.classesWithAll(known).filter(isAnswerable);
  const ownQuestionOf = (signatures().get(termSignature(message.analysed.terms)) ?? []).filter(isAnswerable);
  if (mentioning.length > MAX_SHARE_CLASSES) return { ...counts, fittingEntries: mentioning.length, ownQuestionOf };
  const features = known.map((term) => model.features.wordFeatureId(term)).filter((id) => id !== undefined);
  const shares = new Float32Array(mentioning.length);
  model.neighbours.shareHolding(features, mentioning, shares);
  const most = Math.max(0, ...shares);
  const fittingEntries = shares.filter((share) => share > 0 && share >= TYPICAL_SHARE_RATIO * most).length;
  return { ...counts, fittingEntries, ownQuestionOf };
}
