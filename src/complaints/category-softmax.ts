import type { FeatureSettings, TrainingSettings } from '../ml/index.ts';
import type { ComplaintCategory } from './complaint-category.ts';
import { COMPLAINT_CATEGORIES } from './complaint-category.ts';
import { type CueBlockSettings, CueBlockSoftmax, type CueBlockSoftmaxSnapshot } from './cue-block-softmax.ts';

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

/** One slot per category's topic cue group, named as the categories, in `COMPLAINT_CATEGORIES` order. */
const CATEGORY_SETTINGS: CueBlockSettings = {
  features: CATEGORY_FEATURE_SETTINGS,
  training: CATEGORY_TRAINING_SETTINGS,
  cues: COMPLAINT_CATEGORIES,
  cueValue: (present) => TOPIC_BLOCK_WEIGHT / Math.sqrt(present),
  classes: COMPLAINT_CATEGORIES.length,
};

/** One training message for the category model. */
export interface CategoryDocument {
  readonly text: string;
  /** Names of the topics whose cue words occur in the text (see `ComplaintFeaturizer`). */
  readonly topics: readonly string[];
  readonly category: ComplaintCategory;
}

/** A trained {@link CategorySoftmax} as plain data. */
export type CategorySoftmaxSnapshot = CueBlockSoftmaxSnapshot;

/**
 * Which category a complaint is about: a softmax regression (multinomial logistic regression,
 * trained by `knowledge`'s seeded AdaGrad SGD) over sparse TF-IDF features of words, word bigrams
 * and character n-grams (`knowledge`'s text pipeline and `FeatureSpace`), plus one feature per
 * matched topic cue group (`CueBlockSoftmax`). Character n-grams let it generalise to word forms and
 * typos no example contains; topic cues to words no example contains at all.
 *
 * It replaced natural's Bayes classifier for this stage: 0.901 against 0.885 category accuracy in
 * 5-fold cross-validation on the training examples (mean over 8 seeded splits).
 */
export class CategorySoftmax {
  private constructor(private readonly model: CueBlockSoftmax) {}

  /** Trains on `documents`; deterministic. */
  static train(documents: readonly CategoryDocument[]): CategorySoftmax {
    const labelled = documents.map((d) => ({
      text: d.text,
      cues: d.topics,
      label: COMPLAINT_CATEGORIES.indexOf(d.category),
    }));
    return new CategorySoftmax(CueBlockSoftmax.train(labelled, CATEGORY_SETTINGS));
  }

  toSnapshot(): CategorySoftmaxSnapshot {
    return this.model.toSnapshot();
  }

  static fromSnapshot(snapshot: CategorySoftmaxSnapshot): CategorySoftmax {
    return new CategorySoftmax(CueBlockSoftmax.fromSnapshot(snapshot, CATEGORY_SETTINGS));
  }

  /** The probability of each category for a message, in `COMPLAINT_CATEGORIES` order. */
  probabilities(text: string, topics: readonly string[]): Float32Array {
    return this.model.probabilities(text, topics);
  }
}
