import type { SentimentLabel } from '../sentiment/sentiment-label.ts';
import type { SentimentResult } from '../sentiment/sentiment-result.ts';
import type { ComplaintCategory } from './complaint-category.ts';
import type { ComplaintClassifierSnapshot } from './complaint-classifier.ts';
import { ComplaintClassifier } from './complaint-classifier.ts';
import { ComplaintFeaturizer } from './complaint-features.ts';
import type { ComplaintKnowledge } from './complaint-knowledge.loader.ts';
import type { ComplaintResult } from './complaint-result.ts';
import type { SeverityCue } from './severity-cues.ts';
import { SeverityCueFinder } from './severity-cues.ts';
import { assessSeverity } from './severity-rules.ts';

/**
 * A message is a complaint when the detector's probability reaches this. Chosen by 5-fold
 * cross-validation on the training examples (F1 0.931 at 0.5, 0.952 at 0.8, 0.956 at 0.9, 0.954 at 0.95).
 */
export const COMPLAINT_THRESHOLD = 0.9;
/**
 * …and the second detector's (`ComplaintDetectorSoftmax`) reaches this. On
 * `bench/data/complaints-realworld.csv` (many kinds of services, written apart from the training
 * examples) the agreement of both at 0.7 gave precision 0.977 and recall 0.956, and flagged 13.9%
 * of BANKING77's test questions instead of 20.0% for the Bayes detector alone (0.5: 16.0%, 0.8: 12.6%
 * with recall 0.939).
 */
const SECOND_OPINION_THRESHOLD = 0.7;

/**
 * Cues serious enough that a message containing one is a complaint whenever anything else points
 * that way (detector probability ≥ 0.5, or negative sentiment), even below `COMPLAINT_THRESHOLD`.
 */
const SERIOUS_CUES: readonly SeverityCue[] = ['safety_hazard', 'legal_threat', 'fraud', 'chargeback'];

/** A trained {@link ComplaintAnalyzer} as plain data: its cue phrases and its trained classifier. */
export interface ComplaintAnalyzerSnapshot {
  readonly topicCues: ReadonlyMap<ComplaintCategory, readonly string[]>;
  readonly severityCues: ReadonlyMap<SeverityCue, readonly string[]>;
  readonly classifier: ComplaintClassifierSnapshot;
}

/**
 * Decides whether a message is a complaint (`natural` Bayes classifier, confirmed by a logistic
 * regression over n-grams and tone cues), its category (softmax
 * regression over TF-IDF and topic-cue features, see `CategorySoftmax`), both trained from
 * `knowledge/complaints/examples/`, and its severity (`severity-rules.ts`).
 * `analyze` never throws.
 */
export class ComplaintAnalyzer {
  private constructor(
    private readonly featurizer: ComplaintFeaturizer,
    private readonly classifier: ComplaintClassifier,
    private readonly cueFinder: SeverityCueFinder,
    private readonly cues: Pick<ComplaintKnowledge, 'topicCues' | 'severityCues'>,
  ) {}

  /** The trained analyzer as plain data. */
  toSnapshot(): ComplaintAnalyzerSnapshot {
    return {
      topicCues: this.cues.topicCues,
      severityCues: this.cues.severityCues,
      classifier: this.classifier.toSnapshot(),
    };
  }

  /** An analyzer from `toSnapshot()`; only the cue patterns are rebuilt, nothing is trained. */
  static fromSnapshot(snapshot: ComplaintAnalyzerSnapshot): ComplaintAnalyzer {
    return new ComplaintAnalyzer(
      new ComplaintFeaturizer(snapshot.topicCues),
      ComplaintClassifier.fromSnapshot(snapshot.classifier),
      new SeverityCueFinder(snapshot.severityCues),
      { topicCues: snapshot.topicCues, severityCues: snapshot.severityCues },
    );
  }

  /**
   * Trains on `knowledge.examples`. `sentimentOf` labels each example, because the detector uses
   * a message's sentiment as one of its features.
   */
  static train(knowledge: ComplaintKnowledge, sentimentOf: (text: string) => SentimentLabel): ComplaintAnalyzer {
    const featurizer = new ComplaintFeaturizer(knowledge.topicCues);
    const documents = knowledge.examples.map((example) => ({
      features: featurizer.featurize(example.text, sentimentOf(example.text)),
      label: example.label,
    }));
    return new ComplaintAnalyzer(
      featurizer,
      ComplaintClassifier.train(documents),
      new SeverityCueFinder(knowledge.severityCues),
      {
        topicCues: knowledge.topicCues,
        severityCues: knowledge.severityCues,
      },
    );
  }

  analyze(text: string, sentiment: SentimentResult): ComplaintResult {
    const features = this.featurizer.featurize(text, sentiment.label);
    const bayes = this.classifier.complaintProbability(features);
    // The second detector costs more than the first, so it runs only when the first says yes.
    const secondOpinion = bayes >= COMPLAINT_THRESHOLD ? this.classifier.secondOpinion(features) : bayes;
    // Both detectors must agree; the less sure of the two is the detection's probability.
    const detected = bayes >= COMPLAINT_THRESHOLD && secondOpinion >= SECOND_OPINION_THRESHOLD;
    const complaintProbability = Math.min(bayes, secondOpinion);
    const cues = this.cueFinder.find(typeof text === 'string' ? text : '');
    // A serious cue in a question about what to do ("how do I report fraud?", "my card was
    // stolen, how do I block it?") asks for help; it is not a complaint by itself.
    const serious =
      SERIOUS_CUES.some((cue) => cues.has(cue)) &&
      (bayes >= 0.5 || sentiment.label === 'negative') &&
      !features.tones.includes('how_to');
    // With no content words ("😡😡😡", "ok?!") there is nothing to say what a complaint would be about.
    const classifiable = features.category.length > 0;
    if ((!detected || !classifiable) && !serious) {
      return { isComplaint: false, category: null, severity: null, confidence: round(1 - complaintProbability) };
    }
    // The category stage costs more than the detector, so it runs only for complaints.
    const { category, categoryProbability } = this.classifier.categorize(features);
    const rule = assessSeverity({ category, sentiment, cues });
    return {
      isComplaint: true,
      category,
      severity: rule.severity,
      confidence: round(complaintProbability * categoryProbability),
    };
  }
}

function round(probability: number): number {
  return Number.isFinite(probability) ? Math.round(Math.min(1, Math.max(0, probability)) * 1000) / 1000 : 0;
}
