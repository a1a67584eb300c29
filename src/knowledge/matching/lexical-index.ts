/** One class found by the lexical index. */
export interface LexicalHit {
  readonly cls: number;
  readonly score: number;
}

/**
 * A built {@link LexicalIndex} as plain data: term `t`'s postings (classes, ascending) and BM25
 * weights are `classes[start[t] .. start[t + 1])` and `weights[…]`.
 */
export interface LexicalIndexSnapshot {
  readonly classCount: number;
  readonly terms: readonly string[];
  readonly idf: Float32Array;
  readonly start: Int32Array;
  readonly classes: Int32Array;
  readonly weights: Float32Array;
}

const K1 = 1.2;
const B = 0.75;

/**
 * A BM25 inverted index over classes (each class's document is the stemmed, stop-word-free terms
 * of all its phrasings). It proposes candidate classes when there are too many to score them all,
 * and says which query terms a class shares ("matched terms").
 */
export class LexicalIndex {
  readonly classCount: number;
  readonly #termIds: Map<string, number>;
  readonly #postings: Int32Array[];
  readonly #weights: Float32Array[];
  readonly #idf: Float32Array;
  readonly #accumulator: Float32Array;
  /** Classes with a non-zero accumulator during a search (a class is touched at most once). */
  readonly #touched: Int32Array;

  /** `restored`: an index from `toSnapshot()` (see `fromSnapshot`); `classTerms` is then ignored. */
  constructor(classTerms: readonly (readonly string[])[], restored?: LexicalIndexSnapshot) {
    if (restored !== undefined) {
      const { classCount, terms, idf, start } = restored;
      if (start.length !== terms.length + 1 || idf.length !== terms.length)
        throw new Error('LexicalIndex snapshot: lengths differ');
      this.classCount = classCount;
      this.#termIds = new Map();
      for (let id = 0; id < terms.length; id += 1) this.#termIds.set(terms[id] as string, id);
      // Views into the flat arrays: no copy.
      this.#postings = terms.map((_, id) => restored.classes.subarray(start[id], start[id + 1]));
      this.#weights = terms.map((_, id) => restored.weights.subarray(start[id], start[id + 1]));
      this.#idf = idf;
      this.#accumulator = new Float32Array(classCount);
      this.#touched = new Int32Array(classCount);
      return;
    }
    this.classCount = classTerms.length;
    this.#termIds = new Map();
    const classes: number[][] = [];
    const counts: number[][] = [];
    const lengths = new Float32Array(classTerms.length);
    classTerms.forEach((terms, cls) => {
      lengths[cls] = terms.length;
      const tf = new Map<number, number>();
      for (const term of terms) {
        let id = this.#termIds.get(term);
        if (id === undefined) {
          id = classes.length;
          this.#termIds.set(term, id);
          classes.push([]);
          counts.push([]);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const [id, count] of tf) {
        (classes[id] as number[]).push(cls);
        (counts[id] as number[]).push(count);
      }
    });
    const n = classTerms.length;
    const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n) || 1;
    this.#postings = classes.map((list) => Int32Array.from(list));
    this.#idf = Float32Array.from(classes, (list) => Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
    this.#weights = counts.map((list, id) =>
      Float32Array.from(list, (tf, k) => {
        const length = lengths[(classes[id] as number[])[k] as number] as number;
        return ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avgLength))) * (this.#idf[id] as number);
      }),
    );
    this.#accumulator = new Float32Array(n);
    this.#touched = new Int32Array(n);
  }

  /** Rebuilds an index from `toSnapshot()`. */
  static fromSnapshot(snapshot: LexicalIndexSnapshot): LexicalIndex {
    return new LexicalIndex([], snapshot);
  }

  /** The index as plain data (flat typed arrays). */
  toSnapshot(): LexicalIndexSnapshot {
    const start = new Int32Array(this.#postings.length + 1);
    for (const [id, list] of this.#postings.entries()) start[id + 1] = (start[id] as number) + list.length;
    const total = start[this.#postings.length] as number;
    const classes = new Int32Array(total);
    const weights = new Float32Array(total);
    this.#postings.forEach((list, id) => {
      classes.set(list, start[id]);
      weights.set(this.#weights[id] as Float32Array, start[id]);
    });
    return {
      classCount: this.classCount,
      terms: [...this.#termIds.keys()],
      idf: this.#idf.slice(),
      start,
      classes,
      weights,
    };
  }

  /** Whether `term` occurs in any phrasing. */
  has(term: string): boolean {
    return this.#termIds.has(term);
  }

  /** BM25 idf of a term, or `undefined` when no phrasing has it. */
  idfOf(term: string): number | undefined {
    const id = this.#termIds.get(term);
    return id === undefined ? undefined : this.#idf[id];
  }

  /** Whether class `cls` has `term` in one of its phrasings. */
  classHas(cls: number, term: string): boolean {
    const id = this.#termIds.get(term);
    return id !== undefined && this.#contains(this.#postings[id] as Int32Array, cls);
  }

  /**
   * The classes (ascending) whose phrasings hold every one of `terms` between them: how many
   * topics a message's words fit. Empty when a term is unknown or `terms` is empty.
   */
  classesWithAll(terms: readonly string[]): Int32Array {
    const lists: Int32Array[] = [];
    for (const term of new Set(terms)) {
      const id = this.#termIds.get(term);
      if (id === undefined) return new Int32Array(0);
      lists.push(this.#postings[id] as Int32Array);
    }
    if (lists.length === 0) return new Int32Array(0);
    // Start from the shortest postings list: the intersection can only shrink.
    lists.sort((a, b) => a.length - b.length);
    const [shortest, ...rest] = lists as [Int32Array, ...Int32Array[]];
    return shortest.filter((cls) => rest.every((list) => this.#contains(list, cls)));
  }

  #contains(list: Int32Array, cls: number): boolean {
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = list[mid] as number;
      if (value === cls) return true;
      if (value < cls) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /**
   * The `limit` best classes by BM25. Terms found in more than `maxClassFraction` of the classes
   * are skipped (they carry little evidence and their postings are the long ones), unless the
   * query has nothing else.
   */
  search(terms: readonly string[], limit: number, maxClassFraction = 1): LexicalHit[] {
    const ids: number[] = [];
    for (const term of new Set(terms)) {
      const id = this.#termIds.get(term);
      if (id !== undefined) ids.push(id);
    }
    const cap = Math.max(1, Math.floor(this.classCount * maxClassFraction));
    const selective = ids.filter((id) => (this.#postings[id] as Int32Array).length <= cap);
    const used = selective.length > 0 ? selective : ids;
    const acc = this.#accumulator;
    const touched = this.#touched;
    let count = 0;
    for (const id of used) {
      const list = this.#postings[id] as Int32Array;
      const weights = this.#weights[id] as Float32Array;
      for (let k = 0; k < list.length; k += 1) {
        const cls = list[k] as number;
        if (acc[cls] === 0) touched[count++] = cls;
        acc[cls] = (acc[cls] as number) + (weights[k] as number);
      }
    }
    // Top `limit` by score, ties by class: a bounded insertion sort instead of sorting every touched class.
    const best: LexicalHit[] = [];
    for (let t = 0; t < count; t += 1) {
      const cls = touched[t] as number;
      const score = acc[cls] as number;
      acc[cls] = 0;
      if (limit < 1) continue;
      if (best.length >= limit) {
        const last = best[best.length - 1] as LexicalHit;
        if (score < last.score || (score === last.score && cls > last.cls)) continue;
      }
      let at = best.length >= limit ? best.length - 1 : best.length;
      while (at > 0) {
        const prev = best[at - 1] as LexicalHit;
        if (prev.score > score || (prev.score === score && prev.cls < cls)) break;
        at -= 1;
      }
      if (best.length >= limit) best.pop();
      best.splice(at, 0, { cls, score });
    }
    return best;
  }
}
