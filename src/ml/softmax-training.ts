import { SeededRandom } from './seeded-random.ts';
import type { SparseVector } from './sparse-vector.ts';
import type { WeightStore } from './weight-store.ts';

/** One labelled training vector. */
export interface TrainingExample {
  readonly x: SparseVector;
  readonly label: number;
  /**
   * Classes to normalise the softmax over for this example (hard negatives, the label included),
   * or `undefined` for all classes.
   */
  readonly candidates?: Int32Array;
}

/** SGD settings; the defaults were chosen on a split of BANKING77's training data (see bench/). */
export interface TrainingSettings {
  readonly epochs: number;
  /** AdaGrad base learning rate. */
  readonly learningRate: number;
  /** Extra random negative classes per step when `candidates` is given. */
  readonly randomNegatives: number;
  readonly seed: number;
}

export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = {
  epochs: 8,
  learningRate: 0.4,
  randomNegatives: 8,
  seed: 1,
};

/** Turns `logits[0..n)` into probabilities in place: softmax of `logits / temperature`. */
export function softmaxInPlace(logits: Float32Array, n: number, temperature = 1): void {
  let max = -Infinity;
  for (let j = 0; j < n; j += 1) if ((logits[j] as number) > max) max = logits[j] as number;
  let sum = 0;
  for (let j = 0; j < n; j += 1) {
    const e = Math.exp(((logits[j] as number) - max) / temperature);
    logits[j] = e;
    sum += e;
  }
  for (let j = 0; j < n; j += 1) logits[j] = (logits[j] as number) / sum;
}

/** The example's candidates followed by `extra` random classes, written into `scratch` (grown when too small). */
function withRandomNegatives(
  candidates: Int32Array,
  extra: number,
  classCount: number,
  random: SeededRandom,
  scratch: { buffer: Int32Array },
): Int32Array {
  if (extra === 0) return candidates;
  const n = candidates.length + extra;
  if (scratch.buffer.length < n) scratch.buffer = new Int32Array(n * 2);
  const out = scratch.buffer.subarray(0, n);
  out.set(candidates);
  for (let k = 0; k < extra; k += 1) out[candidates.length + k] = random.nextInt(classCount);
  return out;
}

/**
 * Trains `store` as a softmax regression (multinomial logistic regression) by minimising the
 * cross-entropy with AdaGrad, visiting the examples in a seeded random order each epoch, so the
 * same data and seed always give the same model.
 */
export function trainSoftmax(
  store: WeightStore,
  examples: readonly TrainingExample[],
  settings: TrainingSettings,
  onStep?: (done: number, total: number) => void,
): void {
  const random = new SeededRandom(settings.seed);
  const order = examples.map((_, i) => i);
  const buffer = new Float32Array(store.classCount + settings.randomNegatives + 1);
  const negatives = { buffer: new Int32Array(64) };
  const total = settings.epochs * examples.length;
  let done = 0;
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    random.shuffle(order);
    for (const i of order) {
      const example = examples[i] as TrainingExample;
      const classes =
        example.candidates === undefined
          ? null
          : withRandomNegatives(example.candidates, settings.randomNegatives, store.classCount, random, negatives);
      const n = classes === null ? store.classCount : classes.length;
      const logits = buffer.subarray(0, n);
      store.scores(example.x, classes, logits);
      softmaxInPlace(logits, n);
      // Random negatives may repeat the label; the gradient counts the label once, at its first slot.
      let labelSeen = false;
      for (let j = 0; j < n; j += 1) {
        const cls = classes === null ? j : (classes[j] as number);
        if (cls === example.label && !labelSeen) {
          logits[j] = (logits[j] as number) - 1;
          labelSeen = true;
        }
      }
      store.update(example.x, classes, logits, settings.learningRate);
      done += 1;
      if (onStep !== undefined && (done & 1023) === 0) onStep(done, total);
    }
  }
  onStep?.(total, total);
}
