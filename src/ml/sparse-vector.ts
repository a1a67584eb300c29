/** A sparse feature vector: `values[k]` is the weight of feature `indices[k]`. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** The vector with no features (an empty or fully out-of-vocabulary text). */
export const EMPTY_VECTOR: SparseVector = { indices: new Int32Array(0), values: new Float32Array(0) };
