import natural from '../shared/natural.ts';
import type { BayesClassifier, LogisticRegressionClassifier } from 'natural';
import { CategorySoftmax, type CategorySoftmaxSnapshot } from './category-softmax.ts';
import { COMPLAINT_CATEGORIES, NOT_A_COMPLAINT } from './complaint-category.ts';
import type { ComplaintCategory, ExampleLabel } from './complaint-category.ts';
import type { MessageFeatures } from './complaint-features.ts';

/** The `natural` classifiers this service can train; `bayes` is the measured default (see bench). */
export const CLASSIFIER_ALGORITHMS = ['bayes', 'logistic'] as const;
export type ClassifierAlgorithm = (typeof CLASSIFIER_ALGORITHMS)[number];

/**
 * How the category stage is learnt: `softmax` (`CategorySoftmax`, the default: 0.901 against 0.885
 * category accuracy in 5-fold cross-validation on the training examples) or `natural`, the same
 * `natural` classifier as the detector, on the `category` features.
 */
export const CATEGORY_MODELS = ['softmax', 'natural'] as const;
export type CategoryModel = (typeof CATEGORY_MODELS)[number];

/** One training document: features from `ComplaintFeaturizer` and its label. */
export interface FeaturizedExample {
  readonly features: MessageFeatures;
  readonly label: ExampleLabel;
}

/** Stage 1 says complaint or not; stage 2 says which category, as if it were one. */
export interface ComplaintPrediction {
  readonly complaintProbability: number;
  readonly category: ComplaintCategory;
  readonly categoryProbability: number;
}

const COMPLAINT = 'complaint';

/** A trained `natural` Bayes stage as plain data: the classifier's counts and its feature order. */
export interface BayesStageSnapshot {
  readonly classFeatures: Record<string, Record<number, number>>;
  readonly classTotals: Record<string, number>;
  readonly totalExamples: number;
  readonly smoothing: number;
  readonly features: readonly string[];
}

/** A trained {@link ComplaintClassifier} as plain data. Only the `bayes` detector (the default) has one. */
export interface ComplaintClassifierSnapshot {
  readonly detector: BayesStageSnapshot;
  readonly category: { readonly kind: 'softmax'; readonly model: CategorySoftmaxSnapshot } | { readonly kind: 'natural'; readonly stage: BayesStageSnapshot };
}

/** The category stage: category probabilities for one message's features. */
type Categorizer =
  | { readonly kind: 'softmax'; readonly model: CategorySoftmax }
  | { readonly kind: 'natural'; readonly stage: Stage };

/**
 * A two-stage classifier: complaint vs not (`natural`), then category among complaints
 * (`CategorySoftmax` by default, see `CategoryModel`).
 *
 * The `natural` models are trained from `addDocument`. For Bayes, training and prediction skip
 * `natural`'s `textToFeatures` (an `indexOf` scan of the whole vocabulary per example) and build the
 * same feature vectors from an index: training stays well under a second, prediction in microseconds,
 * and the results equal `natural`'s own `train()`/`getClassifications()` (checked by a test).
 */
export class ComplaintClassifier {
  private constructor(
    private readonly detector: Stage,
    private readonly categorizer: Categorizer,
  ) {}

  /** Trains both stages; `algorithm` is the detector's, and the category stage's when `categoryModel` is `natural`. */
  static train(
    examples: readonly FeaturizedExample[],
    algorithm: ClassifierAlgorithm = 'bayes',
    categoryModel: CategoryModel = 'softmax',
  ): ComplaintClassifier {
    const detector = Stage.train(
      examples.map((e) => ({ features: e.features.detection, label: e.label === NOT_A_COMPLAINT ? NOT_A_COMPLAINT : COMPLAINT })),
      algorithm,
    );
    const complaints = examples.flatMap((e) => (e.label === NOT_A_COMPLAINT ? [] : [{ features: e.features, category: e.label }]));
    return new ComplaintClassifier(detector, trainCategorizer(complaints, algorithm, categoryModel));
  }

  /**
   * Both stages as plain data.
   * @throws Error for the `logistic` algorithm, whose `natural` model has no plain-data form here.
   */
  toSnapshot(): ComplaintClassifierSnapshot {
    const category = this.categorizer.kind === 'softmax'
      ? { kind: 'softmax' as const, model: this.categorizer.model.toSnapshot() }
      : { kind: 'natural' as const, stage: this.categorizer.stage.toSnapshot() };
    return { detector: this.detector.toSnapshot(), category };
  }

  /** A classifier from `toSnapshot()`, with identical predictions. */
  static fromSnapshot(snapshot: ComplaintClassifierSnapshot): ComplaintClassifier {
    const categorizer: Categorizer = snapshot.category.kind === 'softmax'
      ? { kind: 'softmax', model: CategorySoftmax.fromSnapshot(snapshot.category.model) }
      : { kind: 'natural', stage: Stage.fromSnapshot(snapshot.category.stage) };
    return new ComplaintClassifier(Stage.fromSnapshot(snapshot.detector), categorizer);
  }

  /** Both stages: the complaint probability and the category the message would have as a complaint. */
  predict(features: MessageFeatures): ComplaintPrediction {
    return { complaintProbability: this.complaintProbability(features), ...this.categorize(features) };
  }

  /** Stage 1 only: the probability that the message is a complaint. */
  complaintProbability(features: MessageFeatures): number {
    return this.detector.probabilities(features.detection).get(COMPLAINT) ?? 0;
  }

  /** Stage 2 only: the most probable category, as if the message were a complaint. */
  categorize(features: MessageFeatures): Omit<ComplaintPrediction, 'complaintProbability'> {
    let category: ComplaintCategory = 'other';
    let categoryProbability = 0;
    for (const [label, probability] of categoryProbabilities(this.categorizer, features)) {
      const known = COMPLAINT_CATEGORIES.find((c) => c === label);
      if (known !== undefined && probability > categoryProbability) {
        category = known;
        categoryProbability = probability;
      }
    }
    return { category, categoryProbability };
  }
}

function trainCategorizer(
  complaints: readonly { features: MessageFeatures; category: ComplaintCategory }[],
  algorithm: ClassifierAlgorithm,
  categoryModel: CategoryModel,
): Categorizer {
  if (categoryModel === 'natural') {
    return { kind: 'natural', stage: Stage.train(complaints.map((c) => ({ features: c.features.category, label: c.category })), algorithm) };
  }
  return { kind: 'softmax', model: CategorySoftmax.train(complaints.map((c) => ({ text: c.features.text, topics: c.features.topics, category: c.category }))) };
}

function categoryProbabilities(categorizer: Categorizer, features: MessageFeatures): Iterable<[string, number]> {
  if (categorizer.kind === 'natural') return categorizer.stage.probabilities(features.category);
  const probabilities = categorizer.model.probabilities(features.text, features.topics);
  return COMPLAINT_CATEGORIES.map((category, i): [string, number] => [category, probabilities[i] ?? 0]);
}

/** One `natural` classifier, with normalised class probabilities. */
class Stage {
  private constructor(
    private readonly model: BayesClassifier | LogisticRegressionClassifier,
    private readonly index: ReadonlyMap<string, number> | null,
  ) {}

  static train(documents: readonly { features: readonly string[]; label: string }[], algorithm: ClassifierAlgorithm): Stage {
    if (algorithm === 'logistic') {
      const model = new natural.LogisticRegressionClassifier();
      for (const document of documents) model.addDocument([...document.features], document.label);
      model.train();
      return new Stage(model, null);
    }
    const model = new natural.BayesClassifier();
    for (const document of documents) model.addDocument([...document.features], document.label);
    // natural's textToFeatures enumerates `features` with for…in; Object.keys has the same order.
    const index = new Map(Object.keys(model.features).map((feature, i) => [feature, i]));
    // What model.train() does, with the 0/1 vector built from the index instead of an indexOf scan
    // of the whole vocabulary per feature (O(vocabulary) instead of O(vocabulary × words) per example).
    for (const doc of model.docs) model.classifier.addExample(denseVector(doc.text, index), doc.label);
    model.classifier.train();
    model.lastAdded = model.docs.length;
    return new Stage(model, index);
  }

  toSnapshot(): BayesStageSnapshot {
    if (this.index === null || !(this.model instanceof natural.BayesClassifier)) {
      throw new Error('ComplaintClassifier: only the bayes algorithm can be snapshotted');
    }
    const { classFeatures, classTotals, totalExamples, smoothing } = this.model.classifier;
    return { classFeatures: structuredClone(classFeatures), classTotals: { ...classTotals }, totalExamples, smoothing, features: [...this.index.keys()] };
  }

  /** Only what `probabilities` reads is restored: the Bayes counts and the feature index. */
  static fromSnapshot(snapshot: BayesStageSnapshot): Stage {
    const model = new natural.BayesClassifier();
    Object.assign(model.classifier, {
      classFeatures: snapshot.classFeatures,
      classTotals: snapshot.classTotals,
      totalExamples: snapshot.totalExamples,
      smoothing: snapshot.smoothing,
    });
    return new Stage(model, new Map(snapshot.features.map((feature, i) => [feature, i])));
  }

  probabilities(features: readonly string[]): Map<string, number> {
    const scored = this.index !== null && this.model instanceof natural.BayesClassifier
      ? this.model.classifier.getClassifications(this.sparse(features))
      : this.model.getClassifications([...features]);
    const total = scored.reduce((sum, c) => sum + (Number.isFinite(c.value) ? c.value : 0), 0);
    const result = new Map<string, number>();
    for (const c of scored) result.set(c.label, total > 0 && Number.isFinite(c.value) ? c.value / total : 1 / scored.length);
    return result;
  }

  private sparse(features: readonly string[]): Record<string, number> {
    // Apparatus reads a non-array observation as { any key: feature index }.
    const observation: Record<string, number> = {};
    let next = 0;
    for (const feature of features) {
      const position = this.index?.get(feature);
      if (position !== undefined) observation[String(next++)] = position;
    }
    return observation;
  }
}

function denseVector(features: string | readonly string[], index: ReadonlyMap<string, number>): number[] {
  const vector = new Array<number>(index.size).fill(0);
  for (const feature of typeof features === 'string' ? [features] : features) {
    const position = index.get(feature);
    if (position !== undefined) vector[position] = 1;
  }
  return vector;
}
