import type { BayesClassifier } from 'natural';
import natural from '../shared/natural.ts';
import { CategorySoftmax, type CategorySoftmaxSnapshot } from './category-softmax.ts';
import type { ComplaintCategory, ExampleLabel } from './complaint-category.ts';
import { COMPLAINT_CATEGORIES, NOT_A_COMPLAINT } from './complaint-category.ts';
import { ComplaintDetectorSoftmax, type ComplaintDetectorSoftmaxSnapshot } from './complaint-detector-softmax.ts';
import type { MessageFeatures } from './complaint-features.ts';

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
interface BayesStageSnapshot {
  readonly classFeatures: Record<string, Record<number, number>>;
  readonly classTotals: Record<string, number>;
  readonly totalExamples: number;
  readonly smoothing: number;
  readonly features: readonly string[];
}

/** A trained {@link ComplaintClassifier} as plain data. */
export interface ComplaintClassifierSnapshot {
  readonly detector: BayesStageSnapshot;
  readonly secondDetector: ComplaintDetectorSoftmaxSnapshot;
  readonly category: CategorySoftmaxSnapshot;
}

/**
 * A two-stage classifier: complaint vs not (`natural`'s `BayesClassifier`, with a second opinion
 * from `ComplaintDetectorSoftmax`), then category among
 * complaints (`CategorySoftmax`: 0.901 against 0.885 category accuracy for a second Bayes stage in
 * 5-fold cross-validation on the training examples). The `natural` alternatives (its own Bayes and
 * logistic regression stages) live in `bench/natural-complaint-stages.ts`, compared by
 * `bench/analysis.bench.ts --compare-natural`.
 *
 * The detector is trained from `addDocument`, but training and prediction skip `natural`'s
 * `textToFeatures` (an `indexOf` scan of the whole vocabulary per example) and build the same
 * feature vectors from an index: training stays well under a second, prediction in microseconds,
 * and the results equal `natural`'s own `train()`/`getClassifications()` (checked by a test).
 */
export class ComplaintClassifier {
  private constructor(
    private readonly detector: BayesStage,
    private readonly secondDetector: ComplaintDetectorSoftmax,
    private readonly categorizer: CategorySoftmax,
  ) {}

  /** Trains both stages. Deterministic. */
  static train(examples: readonly FeaturizedExample[]): ComplaintClassifier {
    const detector = BayesStage.train(
      examples.map((e) => ({
        features: e.features.detection,
        label: e.label === NOT_A_COMPLAINT ? NOT_A_COMPLAINT : COMPLAINT,
      })),
    );
    const secondDetector = ComplaintDetectorSoftmax.train(
      examples.map((e) => ({
        text: e.features.text,
        tones: e.features.tones,
        isComplaint: e.label !== NOT_A_COMPLAINT,
      })),
    );
    const complaints = examples.flatMap((e) =>
      e.label === NOT_A_COMPLAINT ? [] : [{ text: e.features.text, topics: e.features.topics, category: e.label }],
    );
    return new ComplaintClassifier(detector, secondDetector, CategorySoftmax.train(complaints));
  }

  /** Both stages as plain data. */
  toSnapshot(): ComplaintClassifierSnapshot {
    return {
      detector: this.detector.toSnapshot(),
      secondDetector: this.secondDetector.toSnapshot(),
      category: this.categorizer.toSnapshot(),
    };
  }

  /** A classifier from `toSnapshot()`, with identical predictions. */
  static fromSnapshot(snapshot: ComplaintClassifierSnapshot): ComplaintClassifier {
    return new ComplaintClassifier(
      BayesStage.fromSnapshot(snapshot.detector),
      ComplaintDetectorSoftmax.fromSnapshot(snapshot.secondDetector),
      CategorySoftmax.fromSnapshot(snapshot.category),
    );
  }

  /** Both stages: the complaint probability and the category the message would have as a complaint. */
  predict(features: MessageFeatures): ComplaintPrediction {
    return { complaintProbability: this.complaintProbability(features), ...this.categorize(features) };
  }

  /** Stage 1 only: the probability that the message is a complaint. */
  complaintProbability(features: MessageFeatures): number {
    return this.detector.probabilities(features.detection).get(COMPLAINT) ?? 0;
  }

  /** Stage 1's second opinion: the softmax detector's probability that the message is a complaint. */
  secondOpinion(features: MessageFeatures): number {
    return this.secondDetector.complaintProbability(features.text, features.tones);
  }

  /** Stage 2 only: the most probable category, as if the message were a complaint. */
  categorize(features: MessageFeatures): Omit<ComplaintPrediction, 'complaintProbability'> {
    let category: ComplaintCategory = 'other';
    let categoryProbability = 0;
    const probabilities = this.categorizer.probabilities(features.text, features.topics);
    COMPLAINT_CATEGORIES.forEach((known, i) => {
      const probability = probabilities[i] ?? 0;
      if (probability > categoryProbability) {
        category = known;
        categoryProbability = probability;
      }
    });
    return { category, categoryProbability };
  }
}

/** `natural`'s `BayesClassifier` over an index of its features, with normalised class probabilities. */
class BayesStage {
  private constructor(
    private readonly model: BayesClassifier,
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  static train(documents: readonly { features: readonly string[]; label: string }[]): BayesStage {
    const model = new natural.BayesClassifier();
    for (const document of documents) model.addDocument([...document.features], document.label);
    // natural's textToFeatures enumerates `features` with for…in; Object.keys has the same order.
    const index = new Map(Object.keys(model.features).map((feature, i) => [feature, i]));
    // What model.train() does, with the 0/1 vector built from the index instead of an indexOf scan
    // of the whole vocabulary per feature (O(vocabulary) instead of O(vocabulary × words) per example).
    for (const doc of model.docs) model.classifier.addExample(denseVector(doc.text, index), doc.label);
    model.classifier.train();
    model.lastAdded = model.docs.length;
    return new BayesStage(model, index);
  }

  toSnapshot(): BayesStageSnapshot {
    const { classFeatures, classTotals, totalExamples, smoothing } = this.model.classifier;
    return {
      classFeatures: structuredClone(classFeatures),
      classTotals: { ...classTotals },
      totalExamples,
      smoothing,
      features: [...this.index.keys()],
    };
  }

  /** Only what `probabilities` reads is restored: the Bayes counts and the feature index. */
  static fromSnapshot(snapshot: BayesStageSnapshot): BayesStage {
    const model = new natural.BayesClassifier();
    Object.assign(model.classifier, {
      classFeatures: snapshot.classFeatures,
      classTotals: snapshot.classTotals,
      totalExamples: snapshot.totalExamples,
      smoothing: snapshot.smoothing,
    });
    return new BayesStage(model, new Map(snapshot.features.map((feature, i) => [feature, i])));
  }

  probabilities(features: readonly string[]): Map<string, number> {
    const scored = this.model.classifier.getClassifications(this.sparse(features));
    const total = scored.reduce((sum, c) => sum + (Number.isFinite(c.value) ? c.value : 0), 0);
    const result = new Map<string, number>();
    for (const c of scored)
      result.set(c.label, total > 0 && Number.isFinite(c.value) ? c.value / total : 1 / scored.length);
    return result;
  }

  private sparse(features: readonly string[]): Record<string, number> {
    // Apparatus reads a non-array observation as { any key: feature index }.
    const observation: Record<string, number> = {};
    let next = 0;
    for (const feature of features) {
      const position = this.index.get(feature);
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
