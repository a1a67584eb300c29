import type { SparseVector } from './sparse-vector.ts';

/**
 * The weights of a linear multi-class model, with AdaGrad state while training. `classes` lists
 * the classes to score or update (`null` = all classes, in order).
 */
export interface WeightStore {
  readonly classCount: number;
  /** `out[k] = x · w[classes[k]] + bias[classes[k]]`. */
  scores(x: SparseVector, classes: Int32Array | null, out: Float32Array): void;
  /** One AdaGrad step with the loss gradient `grad[k]` of the logit of `classes[k]`. */
  update(x: SparseVector, classes: Int32Array | null, grad: Float32Array, learningRate: number): void;
  /** Frees the training-only state. */
  finishTraining(): void;
  /** Bytes held by the weights. */
  readonly byteLength: number;
  /** The trained weights as plain data (call after `finishTraining`; optimiser state is not kept). */
  toSnapshot(): WeightsSnapshot;
}

/** Trained weights as plain data: `DenseWeights.fromSnapshot` / `HashedWeights.fromSnapshot` give them back. */
export type WeightsSnapshot =
  | { readonly kind: 'dense'; readonly classCount: number; readonly weights: Float32Array; readonly bias: Float32Array }
  | {
      readonly kind: 'hashed';
      readonly classCount: number;
      readonly bits: number;
      readonly weights: Float32Array;
      readonly bias: Float32Array;
    };

/** Gradients smaller than this are skipped: late in training most classes have p ≈ 0 for an example. */
export const GRADIENT_EPSILON = 1e-3;
