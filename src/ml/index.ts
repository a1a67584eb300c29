/**
 * The shared learning engine: text analysis, sparse TF-IDF features, softmax regression and its
 * weights, temperature scaling and a seeded random source. Used by the answer matcher
 * (`src/knowledge/matching`) and the complaint classifier (`src/complaints`); it knows nothing
 * about either, imports nothing of ours but `src/shared`, and this file is its only entrance
 * (`npm run check:arch` holds both rules).
 */
export { DenseWeights } from './dense-weights.ts';
export { type FeatureSettings, FeatureSpace, type FeatureSpaceSnapshot } from './feature-space.ts';
export { HashedWeights } from './hashed-weights.ts';
export { SeededRandom } from './seeded-random.ts';
export {
  DEFAULT_TRAINING_SETTINGS,
  softmaxInPlace,
  type TrainingExample,
  type TrainingSettings,
  trainSoftmax,
} from './softmax-training.ts';
export type { SparseVector } from './sparse-vector.ts';
export { fitTemperature, type HeldOutScores } from './temperature-fit.ts';
export { type AnalysedText, analyse } from './text-pipeline.ts';
export type { WeightStore, WeightsSnapshot } from './weight-store.ts';
