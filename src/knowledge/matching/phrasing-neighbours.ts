import type { SparseVector } from '../../ml/index.ts';

function l2Norm(values: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < values.length; k += 1) sum += (values[k] as number) * (values[k] as number);
  return Math.sqrt(sum);
}

/** {@link PhrasingNeighbours} as plain data (its flat arrays, as stored). */
export interface PhrasingNeighboursSnapshot {
  readonly featureCount: number;
  readonly classStart: Int32Array;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * The TF-IDF vectors of every training phrasing, for nearest-neighbour similarity: how close a
 * message is to the closest phrasing of a class, as a cosine in [0, 1]. Unlike a softmax
 * probability, this does not depend on how many classes there are or how confusable they are, so
 * it says the same thing in every knowledge base (0.8: nearly a phrasing the admin wrote; 0.2:
 * shares a few letters), which makes it the matcher's out-of-scope signal.
 *
 * Vectors are stored per class in flat typed arrays (8 bytes per non-zero feature).
 */
export class PhrasingNeighbours {
  readonly classCount: number;
  /** Phrasings of class c are `classStart[c] .. classStart[c + 1]`. */
  readonly #classStart: Int32Array;
  /** Non-zeros of phrasing p are `offsets[p] .. offsets[p + 1]` in `indices` / `values`. */
  readonly #offsets: Int32Array;
  readonly #indices: Int32Array;
  readonly #values: Float32Array;
  readonly #scratch: Float32Array;

  /**
   * `vectors[c]`: the vectors of class `c`'s phrasings; `featureCount`: size of the feature space.
   * `restored`: arrays from `toSnapshot()` (see `fromSnapshot`); `vectors` is then ignored.
   */
  constructor(
    vectors: readonly (readonly SparseVector[])[],
    featureCount: number,
    restored?: PhrasingNeighboursSnapshot,
  ) {
    if (restored !== undefined) {
      const { classStart, offsets, indices, values } = restored;
      if (indices.length !== values.length || offsets.length !== (classStart[classStart.length - 1] ?? 0) + 1) {
        throw new Error('PhrasingNeighbours snapshot: lengths differ');
      }
      this.classCount = classStart.length - 1;
      this.#classStart = classStart;
      this.#offsets = offsets;
      this.#indices = indices;
      this.#values = values;
      this.#scratch = new Float32Array(restored.featureCount);
      return;
    }
    this.classCount = vectors.length;
    this.#classStart = new Int32Array(vectors.length + 1);
    let phrasings = 0;
    let nonZeros = 0;
    vectors.forEach((list, cls) => {
      this.#classStart[cls] = phrasings;
      phrasings += list.length;
      for (const v of list) nonZeros += v.indices.length;
    });
    this.#classStart[vectors.length] = phrasings;
    this.#offsets = new Int32Array(phrasings + 1);
    this.#indices = new Int32Array(nonZeros);
    this.#values = new Float32Array(nonZeros);
    let p = 0;
    let at = 0;
    for (const list of vectors) {
      for (const v of list) {
        this.#offsets[p] = at;
        const norm = l2Norm(v.values) || 1;
        for (let k = 0; k < v.indices.length; k += 1) {
          this.#indices[at] = v.indices[k] as number;
          this.#values[at] = (v.values[k] as number) / norm;
          at += 1;
        }
        p += 1;
      }
    }
    this.#offsets[phrasings] = at;
    this.#scratch = new Float32Array(featureCount);
  }

  /** Rebuilds from `toSnapshot()` (no copy). */
  static fromSnapshot(snapshot: PhrasingNeighboursSnapshot): PhrasingNeighbours {
    return new PhrasingNeighbours([], snapshot.featureCount, snapshot);
  }

  toSnapshot(): PhrasingNeighboursSnapshot {
    return {
      featureCount: this.#scratch.length,
      classStart: this.#classStart.slice(),
      offsets: this.#offsets.slice(),
      indices: this.#indices.slice(),
      values: this.#values.slice(),
    };
  }

  /** Bytes held by the stored vectors. */
  get byteLength(): number {
    return this.#indices.byteLength + this.#values.byteLength + this.#offsets.byteLength + this.#classStart.byteLength;
  }

  /**
   * For each class in `classes`, the fraction of its phrasings that hold every one of `features`
   * (`out[k]` for `classes[k]`): how typical those words are of the class, not merely present.
   */
  shareHolding(features: readonly number[], classes: ArrayLike<number>, out: Float32Array): void {
    for (let j = 0; j < classes.length; j += 1) {
      const cls = classes[j] as number;
      const first = this.#classStart[cls] as number;
      const end = this.#classStart[cls + 1] as number;
      let holding = 0;
      for (let p = first; p < end; p += 1) {
        const from = this.#offsets[p] as number;
        const to = this.#offsets[p + 1] as number;
        let found = 0;
        for (let i = from; i < to && found < features.length; i += 1) {
          if (features.includes(this.#indices[i] as number)) found += 1;
        }
        if (found === features.length) holding += 1;
      }
      out[j] = end > first ? holding / (end - first) : 0;
    }
  }

  /**
   * The highest cosine similarity between `x` and any phrasing of each class in `classes`
   * (`out[k]` for `classes[k]`); 0 for an empty vector.
   */
  similarities(x: SparseVector, classes: ArrayLike<number>, out: Float32Array): void {
    const norm = l2Norm(x.values);
    const scratch = this.#scratch;
    for (let k = 0; k < x.indices.length; k += 1)
      scratch[x.indices[k] as number] = (x.values[k] as number) / (norm || 1);
    for (let j = 0; j < classes.length; j += 1) {
      const cls = classes[j] as number;
      let best = 0;
      for (let p = this.#classStart[cls] as number; p < (this.#classStart[cls + 1] as number); p += 1) {
        let dot = 0;
        for (let i = this.#offsets[p] as number; i < (this.#offsets[p + 1] as number); i += 1) {
          dot += (this.#values[i] as number) * (scratch[this.#indices[i] as number] as number);
        }
        if (dot > best) best = dot;
      }
      out[j] = Math.min(1, best);
    }
    for (let k = 0; k < x.indices.length; k += 1) scratch[x.indices[k] as number] = 0;
  }
}
