import type { SparseVector } from './sparse-vector.ts';
import { GRADIENT_EPSILON, type WeightStore, type WeightsSnapshot } from './weight-store.ts';

/**
 * A full feature × class matrix, feature-major so that one feature's weights for every class are
 * contiguous (scoring all classes is a tight loop). Used while features × classes stays small.
 * Trained with row-wise AdaGrad: one accumulator per feature, so an update is a plain axpy.
 */
export class DenseWeights implements WeightStore {
  readonly classCount: number;
  readonly #weights: Float32Array;
  readonly #bias: Float32Array;
  #squares: Float32Array | null;
  #biasSquares: Float32Array | null;
  readonly #activeClass: Int32Array;
  readonly #activeGrad: Float32Array;

  /** `trained`: weights from a snapshot (see `fromSnapshot`); then there is no training state. */
  constructor(
    featureCount: number,
    classCount: number,
    trained?: { readonly weights: Float32Array; readonly bias: Float32Array },
  ) {
    this.classCount = classCount;
    this.#weights = trained?.weights ?? new Float32Array(featureCount * classCount);
    this.#squares = trained === undefined ? new Float32Array(featureCount) : null;
    this.#bias = trained?.bias ?? new Float32Array(classCount);
    this.#biasSquares = trained === undefined ? new Float32Array(classCount) : null;
    this.#activeClass = new Int32Array(classCount);
    this.#activeGrad = new Float32Array(classCount);
  }

  /** Trained weights from `toSnapshot()`, ready to score (no training state: `update` throws). */
  static fromSnapshot(snapshot: WeightsSnapshot): DenseWeights {
    if (
      snapshot.kind !== 'dense' ||
      snapshot.bias.length !== snapshot.classCount ||
      snapshot.weights.length % Math.max(1, snapshot.classCount) !== 0
    ) {
      throw new Error('DenseWeights snapshot: not a dense snapshot of consistent size');
    }
    return new DenseWeights(0, snapshot.classCount, snapshot);
  }

  toSnapshot(): WeightsSnapshot {
    return { kind: 'dense', classCount: this.classCount, weights: this.#weights.slice(), bias: this.#bias.slice() };
  }

  get byteLength(): number {
    return this.#weights.byteLength + this.#bias.byteLength;
  }

  scores(x: SparseVector, classes: Int32Array | null, out: Float32Array): void {
    const c = this.classCount;
    const w = this.#weights;
    const { indices, values } = x;
    if (classes === null) {
      out.set(this.#bias);
      for (let k = 0; k < indices.length; k += 1) {
        const base = (indices[k] as number) * c;
        const v = values[k] as number;
        for (let j = 0; j < c; j += 1) out[j] = (out[j] as number) + v * (w[base + j] as number);
      }
      return;
    }
    for (let j = 0; j < classes.length; j += 1) out[j] = this.#bias[classes[j] as number] as number;
    for (let k = 0; k < indices.length; k += 1) {
      const base = (indices[k] as number) * c;
      const v = values[k] as number;
      for (let j = 0; j < classes.length; j += 1)
        out[j] = (out[j] as number) + v * (w[base + (classes[j] as number)] as number);
    }
  }

  update(x: SparseVector, classes: Int32Array | null, grad: Float32Array, learningRate: number): void {
    const squares = this.#squares;
    const biasSquares = this.#biasSquares;
    if (squares === null || biasSquares === null) throw new Error('DenseWeights: training already finished');
    const activeClass = this.#activeClass;
    const activeGrad = this.#activeGrad;
    let active = 0;
    let gradNorm = 0;
    for (let j = 0; j < grad.length; j += 1) {
      const g = grad[j] as number;
      if (Math.abs(g) <= GRADIENT_EPSILON) continue;
      const cls = classes === null ? j : (classes[j] as number);
      activeClass[active] = cls;
      activeGrad[active] = g;
      active += 1;
      gradNorm += g * g;
      biasSquares[cls] = (biasSquares[cls] as number) + g * g;
      this.#bias[cls] = (this.#bias[cls] as number) - (learningRate * g) / Math.sqrt(biasSquares[cls] as number);
    }
    const c = this.classCount;
    const w = this.#weights;
    const { indices, values } = x;
    for (let k = 0; k < indices.length; k += 1) {
      const f = indices[k] as number;
      const v = values[k] as number;
      const s = (squares[f] as number) + v * v * gradNorm;
      squares[f] = s;
      const step = (learningRate * v) / Math.sqrt(s);
      const base = f * c;
      for (let a = 0; a < active; a += 1) {
        const i = base + (activeClass[a] as number);
        w[i] = (w[i] as number) - step * (activeGrad[a] as number);
      }
    }
  }

  finishTraining(): void {
    this.#squares = null;
    this.#biasSquares = null;
  }
}
