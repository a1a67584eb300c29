import natural from '../shared/natural.ts';
import type { BayesClassifier, LogisticRegressionClassifier } from 'natural';
import { COMPLAINT_CATEGORIES, NOT_A_COMPLAINT } from './complaint-category.ts';
import type { ComplaintCategory, ExampleLabel } from './complaint-category.ts';
import type { MessageFeatures } from './complaint-features.ts';

/** The `natural` classifiers this service can train; `bayes` is the measured default (see bench). */
export const CLASSIFIER_ALGORITHMS = ['bayes', 'logistic'] as const;
export type ClassifierAlgorithm = (typeof CLASSIFIER_ALGORITHMS)[number];

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

/**
 * A two-stage classifier built from `natural`: complaint vs not, then category among complaints.
 *
 * The models are `natural`'s, trained from `addDocument`. For Bayes, training and prediction skip
 * `natural`'s `textToFeatures` (an `indexOf` scan of the whole vocabulary per example) and build the
 * same feature vectors from an index: training stays well under a second, prediction in microseconds,
 * and the results equal `natural`'s own `train()`/`getClassifications()` (checked by a test).
 */
export class ComplaintClassifier {
  private constructor(
    private readonly detector: Stage,
    private readonly categorizer: Stage,
  ) {}

  static train(examples: readonly FeaturizedExample[], algorithm: ClassifierAlgorithm = 'bayes'): ComplaintClassifier {
    const detector = Stage.train(
      examples.map((e) => ({ features: e.features.detection, label: e.label === NOT_A_COMPLAINT ? NOT_A_COMPLAINT : COMPLAINT })),
      algorithm,
    );
    const categorizer = Stage.train(
      examples.filter((e) => e.label !== NOT_A_COMPLAINT).map((e) => ({ features: e.features.category, label: e.label })),
      algorithm,
    );
    return new ComplaintClassifier(detector, categorizer);
  }

  predict(features: MessageFeatures): ComplaintPrediction {
    const complaintProbability = this.detector.probabilities(features.detection).get(COMPLAINT) ?? 0;
    let category: ComplaintCategory = 'other';
    let categoryProbability = 0;
    for (const [label, probability] of this.categorizer.probabilities(features.category)) {
      const known = COMPLAINT_CATEGORIES.find((c) => c === label);
      if (known !== undefined && probability > categoryProbability) {
        category = known;
        categoryProbability = probability;
      }
    }
    return { complaintProbability, category, categoryProbability };
  }
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
