/** A sparse vector of unit length (or empty): `values[k]` is the weight of feature `indices[k]`. */
export interface UnitVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** L2-normalises a sparse vector; zero weights are dropped, an all-zero vector comes back empty. */
export function unitVector(indices: ArrayLike<number>, values: ArrayLike<number>): UnitVector {
  let norm = 0;
  const kept: number[] = [];
  for (let k = 0; k < values.length; k += 1) {
    const value = values[k] as number;
    if (value === 0) continue;
    norm += value * value;
    kept.push(k);
  }
  const factor = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  return {
    indices: Int32Array.from(kept, (k) => indices[k] as number),
    values: Float64Array.from(kept, (k) => (values[k] as number) * factor),
  };
}

/**
 * Weighted sums of the unit vectors added to each group, with an inverted index (feature → groups
 * whose centroid has it) so a vector is compared only with the groups it shares a feature with.
 */
export class SparseCentroids {
  /** Per group: feature → its position in that feature's posting list. */
  readonly #positions: Map<number, number>[] = [];
  readonly #norms2: number[] = [];
  /** Per feature: the groups whose centroid has it, and the centroid's weight there. */
  readonly #postings = new Map<number, { groups: number[]; values: number[] }>();

  /** Starts a new, empty group; returns its index. */
  open(): number {
    this.#positions.push(new Map());
    this.#norms2.push(0);
    return this.#positions.length - 1;
  }

  /** Adds `weight` times `v` to group `group`'s centroid. */
  add(group: number, v: UnitVector, weight: number): void {
    const positions = this.#positions[group] as Map<number, number>;
    let dot = 0;
    let self = 0;
    for (let k = 0; k < v.indices.length; k += 1) {
      const feature = v.indices[k] as number;
      const value = v.values[k] as number;
      let posting = this.#postings.get(feature);
      if (posting === undefined) {
        posting = { groups: [], values: [] };
        this.#postings.set(feature, posting);
      }
      let position = positions.get(feature);
      if (position === undefined) {
        position = posting.groups.length;
        positions.set(feature, position);
        posting.groups.push(group);
        posting.values.push(0);
      }
      dot += (posting.values[position] as number) * value;
      self += value * value;
      posting.values[position] = (posting.values[position] as number) + weight * value;
    }
    this.#norms2[group] = (this.#norms2[group] as number) + 2 * weight * dot + weight * weight * self;
  }

  /** Cosine of `v` with group `group`'s centroid (0 for an empty group or vector). */
  cosine(group: number, v: UnitVector): number {
    const positions = this.#positions[group] as Map<number, number>;
    const norm2 = this.#norms2[group] as number;
    if (norm2 <= 0) return 0;
    let dot = 0;
    for (let k = 0; k < v.indices.length; k += 1) {
      const feature = v.indices[k] as number;
      const position = positions.get(feature);
      const posting = this.#postings.get(feature);
      if (position !== undefined && posting !== undefined)
        dot += (v.values[k] as number) * (posting.values[position] as number);
    }
    return dot / Math.sqrt(norm2);
  }

  /**
   * Calls `visit(group, cosine)` for every group whose centroid shares a feature with `v`.
   * `scratch` holds one zeroed slot per group (left zeroed again).
   */
  cosines(v: UnitVector, scratch: Float64Array, visit: (group: number, cosine: number) => void): void {
    const touched: number[] = [];
    for (let k = 0; k < v.indices.length; k += 1) {
      const posting = this.#postings.get(v.indices[k] as number);
      if (posting === undefined) continue;
      const value = v.values[k] as number;
      const { groups, values } = posting;
      for (let p = 0; p < groups.length; p += 1) {
        const group = groups[p] as number;
        if (scratch[group] === 0) touched.push(group);
        scratch[group] = (scratch[group] as number) + value * (values[p] as number);
      }
    }
    for (const group of touched) {
      const dot = scratch[group] as number;
      scratch[group] = 0;
      visit(group, dot / Math.sqrt(this.#norms2[group] as number));
    }
  }
}
