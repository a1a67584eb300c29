import Fuse from 'fuse.js';
import natural from '../../shared/natural.ts';

/** How close a fuse.js candidate must be (0 = exact, 1 = anything). */
const MAX_FUSE_SCORE = 0.4;
const FUSE_CANDIDATES = 10;
const MIN_TOKEN_LENGTH = 4;
const MAX_LENGTH_DIFFERENCE = 2;
const CACHE_LIMIT = 10_000;

/** A {@link TypoCorrector}'s vocabulary as plain data: `counts[i]` occurrences of `words[i]`. */
export interface TypoCorrectorSnapshot {
  readonly words: readonly string[];
  readonly counts: Int32Array;
}

/**
 * Corrects out-of-vocabulary words to the nearest word of the knowledge base with fuse.js
 * ("pasword" → "password", "refnd" → "refund"). Words already in the vocabulary, short words and
 * words with digits are left alone. fuse.js proposes candidates; natural's Damerau–Levenshtein
 * distance picks among them (fuse's Bitap scores a swap like "crad" poorly), more frequent words
 * winning ties, and at most 1 edit per 4 letters is accepted. The vocabulary is split by first
 * letter and length (typos rarely hit the first letter), which keeps each fuzzy search small at
 * 100k phrasings; corrections are memoised.
 */
export class TypoCorrector {
  readonly #frequency = new Map<string, number>();
  readonly #indexes = new Map<string, Fuse<string>>();
  readonly #cache = new Map<string, string>();

  readonly #buckets = new Map<string, string[]>();

  /** `words`: every word occurrence of the knowledge base (repeats count as frequency). */
  constructor(words: Iterable<string>) {
    for (const word of words) this.#add(word, 1);
  }

  /**
   * Rebuilds a corrector from `toSnapshot()`: same vocabulary, frequencies and bucket order, so
   * the same corrections. fuse.js indexes are built lazily, per bucket, on first use, as before.
   */
  static fromSnapshot(snapshot: TypoCorrectorSnapshot): TypoCorrector {
    if (snapshot.words.length !== snapshot.counts.length) throw new Error('TypoCorrector snapshot: lengths differ');
    const corrector = new TypoCorrector([]);
    for (const [i, word] of snapshot.words.entries()) corrector.#add(word, snapshot.counts[i] as number);
    return corrector;
  }

  /** The vocabulary with frequencies, in first-seen order (which fixes the buckets' order). */
  toSnapshot(): TypoCorrectorSnapshot {
    return { words: [...this.#frequency.keys()], counts: Int32Array.from(this.#frequency.values()) };
  }

  #add(word: string, count: number): void {
    const seen = this.#frequency.get(word);
    this.#frequency.set(word, (seen ?? 0) + count);
    if (seen !== undefined || word.length < MIN_TOKEN_LENGTH - MAX_LENGTH_DIFFERENCE) return;
    const key = `${word[0] as string}${word.length}`;
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) this.#buckets.set(key, [word]);
    else bucket.push(word);
  }

  /** Whether the knowledge base uses this word. */
  knows(word: string): boolean {
    return this.#frequency.has(word);
  }

  /** The word itself if known or not correctable, else its nearest vocabulary word. */
  correct(word: string): string {
    if (word.length < MIN_TOKEN_LENGTH || this.#frequency.has(word) || /\P{L}/u.test(word)) return word;
    const cached = this.#cache.get(word);
    if (cached !== undefined) return cached;
    const corrected = this.#search(word);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(word, corrected);
    return corrected;
  }

  #index(first: string, length: number): Fuse<string> | undefined {
    const key = `${first}${length}`;
    let index = this.#indexes.get(key);
    if (index === undefined) {
      const words: string[] = [];
      for (let l = length - MAX_LENGTH_DIFFERENCE; l <= length + MAX_LENGTH_DIFFERENCE; l += 1) {
        words.push(...(this.#buckets.get(`${first}${l}`) ?? []));
      }
      if (words.length === 0) return undefined;
      index = new Fuse(words, {
        includeScore: true,
        ignoreLocation: true,
        threshold: MAX_FUSE_SCORE,
        isCaseSensitive: true,
      });
      this.#indexes.set(key, index);
    }
    return index;
  }

  #search(word: string): string {
    const index = this.#index(word[0] as string, word.length);
    if (index === undefined) return word;
    const maxEdits = Math.max(1, Math.floor(word.length / 4));
    let best = word;
    let bestEdits = maxEdits + 1;
    let bestFrequency = 0;
    for (const { item } of index.search(word, { limit: FUSE_CANDIDATES })) {
      const edits = natural.DamerauLevenshteinDistance(word, item, { transposition_cost: 1 });
      const frequency = this.#frequency.get(item) ?? 0;
      if (edits < bestEdits || (edits === bestEdits && frequency > bestFrequency)) {
        best = item;
        bestEdits = edits;
        bestFrequency = frequency;
      }
    }
    return best;
  }
}
