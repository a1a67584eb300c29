import {
  type AnalysedText,
  analyse,
  DenseWeights,
  type FeatureSettings,
  FeatureSpace,
  type FeatureSpaceSnapshot,
  type SparseVector,
  softmaxInPlace,
  type TrainingSettings,
  trainSoftmax,
  type WeightsSnapshot,
} from '../ml/index.ts';
import type { ComplaintCategory } from './complaint-category.ts';
import { COMPLAINT_CATEGORIES } from './complaint-category.ts';

/**
 * TF-IDF features of the category model: stem uni+bigrams and character 2–5-grams, the character
 * block at 0.3 of the word block's weight. Chosen by 5-fold cross-validation on the training
 * examples (8 seeded splits; char weight 1: 0.895, 0.5: 0.899, 0.3: 0.901 category accuracy).
 */
const CATEGORY_FEATURE_SETTINGS: FeatureSettings = { charMin: 2, charMax: 5, wordWeight: 1, charWeight: 0.3 };
/**
 * Total weight of the topic-cue block (each matched topic gets this / √topics). Chosen by the same
 * cross-validation (0: 0.80, 1: 0.89, 2: 0.90, 3: 0.90; 2 and 3 tie, the smaller is kept).
 */
const TOPIC_BLOCK_WEIGHT = 2;
/** SGD settings: `knowledge`'s defaults (more epochs changed nothing in cross-validation). */
const CATEGORY_TRAINING_SETTINGS: TrainingSettings = { epochs: 8, learningRate: 0.4, randomNegatives: 0, seed: 1 };

const CATEGORY_NAMES: readonly string[] = COMPLAINT_CATEGORIES;

/** One training message for the category model. */
export interface CategoryDocument {
  readonly text: string;
  /** Names of the topics whose cue words occur in the text (see `ComplaintFeaturizer`). */
  readonly topics: readonly string[];
  readonly category: ComplaintCategory;
}

/** A trained {@link CategorySoftmax} as plain data. */
export interface CategorySoftmaxSnapshot {
  readonly features: FeatureSpaceSnapshot;
  readonly weights: WeightsSnapshot;
}

/**
 * Which category a complaint is about: a softmax regression (multinomial logistic regression,
 * trained by `knowledge`'s seeded AdaGrad SGD) over sparse TF-IDF features of words, word bigrams
 * and character n-grams (`knowledge`'s text pipeline and `FeatureSpace`), plus one feature per
 * matched topic cue group. Character n-grams let it generalise to word forms and typos no example
 * contains; topic cues to words no example contains at all.
 *
 * It replaced natural's Bayes classifier for this stage: 0.901 against 0.885 category accuracy in
 * 5-fold cross-validation on the training examples (mean over 8 seeded splits).
 */
export class CategorySoftmax {
  private constructor(
    private readonly features: FeatureSpace,
    private readonly weights: DenseWeights,
  ) {}

  /** Trains on `documents`; deterministic. */
  static train(documents: readonly CategoryDocument[]): CategorySoftmax {
    const analysed = documents.map((d) => analyse(d.text));
    const features = FeatureSpace.fit(analysed, CATEGORY_FEATURE_SETTINGS);
    const weights = new DenseWeights(features.size + COMPLAINT_CATEGORIES.length, COMPLAINT_CATEGORIES.length);
    const model = new CategorySoftmax(features, weights);
    const examples = documents.map((d, i) => ({
      x: model.vector(analysed[i] ?? analyse(d.text), d.topics),
      label: COMPLAINT_CATEGORIES.indexOf(d.category),
    }));
    trainSoftmax(weights, examples, CATEGORY_TRAINING_SETTINGS);
    weights.finishTraining();
    return model;
  }

  toSnapshot(): CategorySoftmaxSnapshot {
    return { features: this.features.toSnapshot(), weights: this.weights.toSnapshot() };
  }

  static fromSnapshot(snapshot: CategorySoftmaxSnapshot): CategorySoftmax {
    return new CategorySoftmax(
      FeatureSpace.fromSnapshot(snapshot.features),
      DenseWeights.fromSnapshot(snapshot.weights),
    );
  }

  /** The probability of each category for a message, in `COMPLAINT_CATEGORIES` order. */
  probabilities(text: string, topics: readonly string[]): Float32Array {
    const logits = new Float32Array(COMPLAINT_CATEGORIES.length);
    this.weights.scores(this.vector(analyse(text), topics), null, logits);
    softmaxInPlace(logits, logits.length);
    return logits;
  }

  /** The TF-IDF vector followed by the topic block (one slot per category's cue group). */
  private vector(analysed: AnalysedText, topics: readonly string[]): SparseVector {
    const text = this.features.vectorise(analysed);
    const slots = [...new Set(topics)].map((topic) => CATEGORY_NAMES.indexOf(topic)).filter((slot) => slot >= 0);
    if (slots.length === 0) return text;
    const indices = new Int32Array(text.indices.length + slots.length);
    const values = new Float32Array(text.values.length + slots.length);
    indices.set(text.indices);
    values.set(text.values);
    const value = TOPIC_BLOCK_WEIGHT / Math.sqrt(slots.length);
    slots.forEach((slot, k) => {
      indices[text.indices.length + k] = this.features.size + slot;
      values[text.values.length + k] = value;
    });
    return { indices, values };
  }
}
