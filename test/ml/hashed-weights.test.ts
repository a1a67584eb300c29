import { describe, expect, it } from 'vitest';
import {
  DenseWeights,
  HashedWeights,
  SeededRandom,
  type SparseVector,
  type TrainingExample,
  trainSoftmax,
  type WeightStore,
} from '../../src/ml/index.ts';

const FEATURES = 2_000;
const CLASSES = 40;
const BITS = 12;

/** Each class owns 6 "signature" features; an example shows 4 of them plus 3 random noise features. */
function makeExample(label: number, random: SeededRandom): SparseVector {
  const picked = new Set<number>();
  while (picked.size < 4) picked.add(label * 6 + random.nextInt(6));
  while (picked.size < 7) picked.add(CLASSES * 6 + random.nextInt(FEATURES - CLASSES * 6));
  const indices = Int32Array.from([...picked].sort((a, b) => a - b));
  const values = new Float32Array(indices.length).fill(1 / Math.sqrt(indices.length));
  return { indices, values };
}

function dataset(perClass: number, seed: number): TrainingExample[] {
  const random = new SeededRandom(seed);
  const out: TrainingExample[] = [];
  for (let label = 0; label < CLASSES; label += 1)
    for (let k = 0; k < perClass; k += 1) out.push({ x: makeExample(label, random), label });
  return out;
}

function argmax(store: WeightStore, x: SparseVector): number {
  const out = new Float32Array(store.classCount);
  store.scores(x, null, out);
  let best = 0;
  for (let c = 1; c < out.length; c += 1) if ((out[c] as number) > (out[best] as number)) best = c;
  return best;
}

function accuracy(store: WeightStore, examples: readonly TrainingExample[]): number {
  return examples.filter((e) => argmax(store, e.x) === e.label).length / examples.length;
}

const SETTINGS = { epochs: 6, learningRate: 0.4, randomNegatives: 0, seed: 7 };

describe('HashedWeights', () => {
  const train = dataset(12, 1);
  const test = dataset(5, 2);

  it('learns a many-class problem about as well as dense weights', () => {
    const dense = new DenseWeights(FEATURES, CLASSES);
    const hashed = new HashedWeights(FEATURES, CLASSES, BITS);
    trainSoftmax(dense, train, SETTINGS);
    trainSoftmax(hashed, train, SETTINGS);
    const denseAccuracy = accuracy(dense, test);
    const hashedAccuracy = accuracy(hashed, test);
    expect(denseAccuracy).toBeGreaterThan(0.95);
    expect(hashedAccuracy).toBeGreaterThan(0.95);
    expect(Math.abs(denseAccuracy - hashedAccuracy)).toBeLessThan(0.03);
  });

  it('trains on candidate classes only (hard negatives), as the matcher does above 300 entries', () => {
    const hashed = new HashedWeights(FEATURES, CLASSES, BITS);
    // Candidates: the label and its two neighbours; random negatives add the rest of the signal.
    const withCandidates = train.map((e) => ({
      ...e,
      candidates: Int32Array.from([e.label, (e.label + 1) % CLASSES, (e.label + CLASSES - 1) % CLASSES]),
    }));
    trainSoftmax(hashed, withCandidates, { ...SETTINGS, randomNegatives: 8 });
    expect(accuracy(hashed, test)).toBeGreaterThan(0.9);
  });

  it('scores a subset of classes exactly as it scores them among all classes', () => {
    const hashed = new HashedWeights(FEATURES, CLASSES, BITS);
    trainSoftmax(hashed, train, SETTINGS);
    const x = test[17]!.x;
    const all = new Float32Array(CLASSES);
    hashed.scores(x, null, all);
    const classes = Int32Array.from([31, 2, 17, 3]);
    const some = new Float32Array(classes.length);
    hashed.scores(x, classes, some);
    expect([...some]).toEqual([...classes].map((c) => all[c]));
  });

  it('gives identical scores after a snapshot round trip, and refuses training afterwards', () => {
    const hashed = new HashedWeights(FEATURES, CLASSES, BITS);
    trainSoftmax(hashed, train, SETTINGS);
    hashed.finishTraining();
    const restored = HashedWeights.fromSnapshot(structuredClone(hashed.toSnapshot()));
    for (const example of test.slice(0, 20)) {
      const a = new Float32Array(CLASSES);
      const b = new Float32Array(CLASSES);
      hashed.scores(example.x, null, a);
      restored.scores(example.x, null, b);
      expect([...b]).toEqual([...a]);
    }
    expect(() => restored.update(test[0]!.x, null, new Float32Array(CLASSES), 0.1)).toThrow(
      /training already finished/,
    );
  });

  it('rejects a snapshot that is not hashed or whose sizes disagree', () => {
    const dense = new DenseWeights(FEATURES, CLASSES);
    expect(() => HashedWeights.fromSnapshot(dense.toSnapshot())).toThrow(/not a hashed snapshot/);
    const hashed = new HashedWeights(FEATURES, CLASSES, BITS).toSnapshot();
    if (hashed.kind !== 'hashed') throw new Error('expected a hashed snapshot');
    expect(() => HashedWeights.fromSnapshot({ ...hashed, bits: BITS - 1 })).toThrow(/consistent size/);
  });

  it('keeps memory fixed by the class count and block size, not the feature count', () => {
    expect(new HashedWeights(10, CLASSES, BITS).byteLength).toBe(
      new HashedWeights(1_000_000, CLASSES, BITS).byteLength,
    );
  });
});
