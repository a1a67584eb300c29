import type { SparseVector } from './sparse-vector.ts';
import { GRADIENT_EPSILON, type WeightStore, type WeightsSnapshot } from './weight-store.ts';

/**
 * Weights for many classes with fixed memory: each class owns a block of `2^bits` slots and a
 * feature lands in a slot by multiplicative hashing with a per-class multiplier (so two features
 * that collide in one class do not collide in the others), with a hashed sign so that collisions
 * average out — the "hashing trick" of Vowpal Wabbit, per class. One block is small (16 KB at 12
 * bits), so scoring a class touches one cache-friendly region. Trained with row-wise AdaGrad (one
 * accumulator per feature). Used with candidate classes from the lexical index when there are too
 * many classes for a dense softmax.
 */
export class HashedWeights implements WeightStore {
  readonly classCount: number;
  readonly #bits: number;
  readonly #weights: Float32Array;
  readonly #bias: Float32Array;
  readonly #multipliers: Int32Array;
  #squares: Float32Array | null;
  #biasSquares: Float32Array | null;
  #hashes = new Int32Array(256);
  #signed = new Float32Array(256);
  #steps = new Float32Array(256);

  /** `trained`: weights from a snapshot (see `fromSnapshot`); then there is no training state. */
  constructor(
    featureCount: number,
    classCount: number,
    bits: number,
    trained?: { readonly weights: Float32Array; readonly bias: Float32Array },
  ) {
    this.classCount = classCount;
    this.#bits = bits;
    this.#weights = trained?.weights ?? new Float32Array(classCount * 2 ** bits);
    this.#bias = trained?.bias ?? new Float32Array(classCount);
    // A pure function of the class, so a snapshot does not store them.
    this.#multipliers = Int32Array.from({ length: classCount }, (_, c) => mix(c + 0x632be5ab) | 1);
    this.#squares = trained === undefined ? new Float32Array(featureCount) : null;
    this.#biasSquares = trained === undefined ? new Float32Array(classCount) : null;
  }

  get byteLength(): number {
    return this.#weights.byteLength + this.#bias.byteLength + this.#multipliers.byteLength;
  }

  /** Trained weights from `toSnapshot()`, ready to score (no training state: `update` throws). */
  static fromSnapshot(snapshot: WeightsSnapshot): HashedWeights {
    if (
      snapshot.kind !== 'hashed' ||
      snapshot.bias.length !== snapshot.classCount ||
      snapshot.weights.length !== snapshot.classCount * 2 ** snapshot.bits
    ) {
      throw new Error('HashedWeights snapshot: not a hashed snapshot of consistent size');
    }
    return new HashedWeights(0, snapshot.classCount, snapshot.bits, snapshot);
  }

  toSnapshot(): WeightsSnapshot {
    return {
      kind: 'hashed',
      classCount: this.classCount,
      bits: this.#bits,
      weights: this.#weights.slice(),
      bias: this.#bias.slice(),
    };
  }

  /** Fills the hash of each feature of `x` and its value with the hash's sign applied (`#signed`). */
  #hash(x: SparseVector): Int32Array {
    const nnz = x.indices.length;
    if (this.#hashes.length < nnz) {
      this.#hashes = new Int32Array(nnz * 2);
      this.#signed = new Float32Array(nnz * 2);
    }
    for (let k = 0; k < nnz; k += 1) {
      const h = mix(x.indices[k] as number);
      this.#hashes[k] = h;
      this.#signed[k] = h < 0 ? -(x.values[k] as number) : (x.values[k] as number);
    }
    return this.#hashes;
  }

  scores(x: SparseVector, classes: Int32Array | null, out: Float32Array): void {
    const hashes = this.#hash(x);
    const signed = this.#signed;
    const bits = this.#bits;
    const shift = 32 - bits;
    const w = this.#weights;
    const nnz = x.indices.length;
    const n = classes === null ? this.classCount : classes.length;
    for (let j = 0; j < n; j += 1) {
      const cls = classes === null ? j : (classes[j] as number);
      const base = cls << bits;
      const m = this.#multipliers[cls] as number;
      let sum = this.#bias[cls] as number;
      for (let k = 0; k < nnz; k += 1) {
        sum += (signed[k] as number) * (w[base + (Math.imul(hashes[k] as number, m) >>> shift)] as number);
      }
      out[j] = sum;
    }
  }

  update(x: SparseVector, classes: Int32Array | null, grad: Float32Array, learningRate: number): void {
    const squares = this.#squares;
    const biasSquares = this.#biasSquares;
    if (squares === null || biasSquares === null) throw new Error('HashedWeights: training already finished');
    const hashes = this.#hash(x);
    const bits = this.#bits;
    const shift = 32 - bits;
    const w = this.#weights;
    const nnz = x.indices.length;
    let gradNorm = 0;
    for (let j = 0; j < grad.length; j += 1) {
      const g = grad[j] as number;
      if (Math.abs(g) <= GRADIENT_EPSILON) continue;
      gradNorm += g * g;
      const cls = classes === null ? j : (classes[j] as number);
      biasSquares[cls] = (biasSquares[cls] as number) + g * g;
      this.#bias[cls] = (this.#bias[cls] as number) - (learningRate * g) / Math.sqrt(biasSquares[cls] as number);
    }
    if (this.#steps.length < nnz) this.#steps = new Float32Array(nnz * 2);
    const steps = this.#steps;
    for (let k = 0; k < nnz; k += 1) {
      const f = x.indices[k] as number;
      const v = x.values[k] as number;
      const s = (squares[f] as number) + v * v * gradNorm;
      squares[f] = s;
      steps[k] = (learningRate * ((hashes[k] as number) < 0 ? -v : v)) / Math.sqrt(s);
    }
    for (let j = 0; j < grad.length; j += 1) {
      const g = grad[j] as number;
      if (Math.abs(g) <= GRADIENT_EPSILON) continue;
      const cls = classes === null ? j : (classes[j] as number);
      const base = cls << bits;
      const m = this.#multipliers[cls] as number;
      for (let k = 0; k < nnz; k += 1) {
        const i = base + (Math.imul(hashes[k] as number, m) >>> shift);
        w[i] = (w[i] as number) - (steps[k] as number) * g;
      }
    }
  }

  finishTraining(): void {
    this.#squares = null;
    this.#biasSquares = null;
  }
}

/** A 32-bit integer mixer (murmur3 finaliser). */
function mix(value: number): number {
  let h = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
