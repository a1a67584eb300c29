import { BASE_LEXICON } from './base-lexicon.ts';
import type { SentimentLexicon } from './sentiment-lexicon.ts';

/** Words that weigh the clause after them more than the clause before ("fast, but broken"). */
const CONTRAST_WORDS: ReadonlySet<string> = new Set(['but', 'however']);

/** One match of the vocabulary at a position in a run of words. */
export type VocabularyMatch =
  | { readonly kind: 'score'; readonly value: number; readonly length: number }
  | { readonly kind: 'boost'; readonly value: number; readonly length: number; readonly ownScore: number | null }
  | { readonly kind: 'negator' | 'contrast'; readonly length: 1 };

/**
 * AFINN and the package's emoji and negators, overlaid with the support-domain lexicon.
 * Built once per lexicon; lookups never allocate more than a few short strings.
 */
export class SentimentVocabulary {
  private readonly words: Map<string, number>;
  private readonly phrases: Map<string, number>;
  private readonly intensifiers: ReadonlyMap<string, number>;
  private readonly emoji: Map<string, number>;
  private readonly negators: Set<string>;
  /** First words of every phrase and multi-word intensifier, to skip phrase lookups quickly. */
  private readonly phraseStarts = new Set<string>();
  private readonly maxPhraseWords: number;

  constructor(extension: SentimentLexicon) {
    this.words = new Map([...BASE_LEXICON.words, ...extension.words]);
    this.phrases = new Map([...BASE_LEXICON.phrases, ...extension.phrases]);
    this.intensifiers = extension.intensifiers;
    this.emoji = new Map([...BASE_LEXICON.emoji, ...extension.emoji]);
    this.negators = new Set([...BASE_LEXICON.negators, ...extension.negators]);
    let longest = 1;
    for (const key of [...this.phrases.keys(), ...this.intensifiers.keys()]) {
      const parts = key.split(' ');
      if (parts.length < 2) continue;
      this.phraseStarts.add(parts[0] ?? '');
      longest = Math.max(longest, parts.length);
    }
    this.maxPhraseWords = longest;
  }

  /** The emoji's score, or `null` when it carries no sentiment. */
  emojiScore(emoji: string): number | null {
    return this.emoji.get(emoji) ?? null;
  }

  /**
   * The longest vocabulary entry starting at `words[start]`: a phrase or multi-word intensifier,
   * else a single negator, contrast word, intensifier or sentiment word; `null` for a plain word.
   */
  match(words: readonly string[], start: number): VocabularyMatch | null {
    const first = words[start];
    if (first === undefined) return null;
    if (this.phraseStarts.has(first)) {
      const phrase = this.matchPhrase(words, start);
      if (phrase !== null) return phrase;
    }
    for (const word of spellings(first)) {
      const single = this.matchWord(word);
      if (single !== null) return single;
    }
    return null;
  }

  private matchPhrase(words: readonly string[], start: number): VocabularyMatch | null {
    const end = Math.min(words.length, start + this.maxPhraseWords);
    for (let stop = end; stop >= start + 2; stop -= 1) {
      const key = words.slice(start, stop).join(' ');
      const score = this.phrases.get(key);
      if (score !== undefined) return { kind: 'score', value: score, length: stop - start };
      const boost = this.intensifiers.get(key);
      if (boost !== undefined) return { kind: 'boost', value: boost, length: stop - start, ownScore: null };
    }
    return null;
  }

  private matchWord(word: string): VocabularyMatch | null {
    if (this.negators.has(word)) return { kind: 'negator', length: 1 };
    if (CONTRAST_WORDS.has(word)) return { kind: 'contrast', length: 1 };
    const score = this.words.get(word);
    const boost = this.intensifiers.get(word);
    if (boost !== undefined) return { kind: 'boost', value: boost, length: 1, ownScore: score ?? null };
    return score === undefined ? null : { kind: 'score', value: score, length: 1 };
  }
}

/** The word as written, then with stretched letters squeezed ("sooo" → "soo" → "so"). */
function spellings(word: string): readonly string[] {
  if (!/(\p{L})\1\1/u.test(word)) return [word];
  return [word, word.replace(/(\p{L})\1{2,}/gu, '$1$1'), word.replace(/(\p{L})\1{2,}/gu, '$1')];
}
