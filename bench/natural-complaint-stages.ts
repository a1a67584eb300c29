import type { BayesClassifier, LogisticRegressionClassifier } from 'natural';
import { COMPLAINT_CATEGORIES, type ComplaintCategory, NOT_A_COMPLAINT } from '../src/complaints/complaint-category.ts';
import type { FeaturizedExample } from '../src/complaints/complaint-classifier.ts';
import type { MessageFeatures } from '../src/complaints/complaint-features.ts';
import natural from '../src/shared/natural.ts';

/**
 * The alternatives `ComplaintClassifier` was chosen against, kept for the analysis bench
 * (`--compare-natural`) and out of the product: `natural`'s own classifiers, trained by their own
 * `train()`, as the detector (on `detection` features) and as the category stage (on `category`
 * features) instead of the indexed Bayes detector and `CategorySoftmax`.
 */
export const NATURAL_ALGORITHMS = ['bayes', 'logistic'] as const;
export type NaturalAlgorithm = (typeof NATURAL_ALGORITHMS)[number];

const COMPLAINT = 'complaint';

/** One `natural` classifier with normalised class probabilities. */
class NaturalStage {
  private constructor(private readonly model: BayesClassifier | LogisticRegressionClassifier) {}

  static train(
    documents: readonly { features: readonly string[]; label: string }[],
    algorithm: NaturalAlgorithm,
  ): NaturalStage {
    const model = algorithm === 'logistic' ? new natural.LogisticRegressionClassifier() : new natural.BayesClassifier();
    for (const document of documents) model.addDocument([...document.features], document.label);
    model.train();
    return new NaturalStage(model);
  }

  probabilities(features: readonly string[]): Map<string, number> {
    const scored = this.model.getClassifications([...features]);
    const total = scored.reduce((sum, c) => sum + (Number.isFinite(c.value) ? c.value : 0), 0);
    return new Map(
      scored.map((c) => [c.label, total > 0 && Number.isFinite(c.value) ? c.value / total : 1 / scored.length]),
    );
  }
}

/** The two stages built from `natural` classifiers; same questions as `ComplaintClassifier` answers. */
export interface NaturalComplaintStages {
  complaintProbability(features: MessageFeatures): number;
  categorize(features: MessageFeatures): { category: ComplaintCategory; categoryProbability: number };
}

export function trainNaturalComplaintStages(
  examples: readonly FeaturizedExample[],
  detector: NaturalAlgorithm,
  categorizer: NaturalAlgorithm,
): NaturalComplaintStages {
  const detection = NaturalStage.train(
    examples.map((e) => ({
      features: e.features.detection,
      label: e.label === NOT_A_COMPLAINT ? NOT_A_COMPLAINT : COMPLAINT,
    })),
    detector,
  );
  const category = NaturalStage.train(
    examples.flatMap((e) => (e.label === NOT_A_COMPLAINT ? [] : [{ features: e.features.category, label: e.label }])),
    categorizer,
  );
  return {
    complaintProbability: (features) => detection.probabilities(features.detection).get(COMPLAINT) ?? 0,
    categorize(features) {
      let best: { category: ComplaintCategory; categoryProbability: number } = {
        category: 'other',
        categoryProbability: 0,
      };
      for (const [label, probability] of category.probabilities(features.category)) {
        const known = COMPLAINT_CATEGORIES.find((c) => c === label);
        if (known !== undefined && probability > best.categoryProbability)
          best = { category: known, categoryProbability: probability };
      }
      return best;
    },
  };
}
