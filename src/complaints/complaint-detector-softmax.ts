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
import { COMPLAINT_TONE_CUES, type ComplaintToneCue } from './complaint-tone.ts';

/** Word uni+bigrams and character 2–5-grams, the character block at 0.3 (as the category model). */
const DETECTOR_FEATURE_SETTINGS: FeatureSettings = { charMin: 2, charMax: 5, wordWeight: 1, charWeight: 0.3 };
/** Each tone cue present adds one feature of this value after the TF-IDF block. */
const TONE_WEIGHT = 1;
const DETECTOR_TRAINING_SETTINGS: TrainingSettings = { epochs: 8, learningRate: 0.4, randomNegatives: 0, seed: 1 };

const NOT_COMPLAINT_CLASS = 0;
const COMPLAINT_CLASS = 1;

/** One training message for the detector. */
export interface DetectorDocument {
  readonly text: string;
  readonly tones: readonly ComplaintToneCue[];
  readonly isComplaint: boolean;
}

/** A trained {@link ComplaintDetectorSoftmax} as plain data. */
export interface ComplaintDetectorSoftmaxSnapshot {
  readonly features: FeatureSpaceSnapshot;
  readonly weights: WeightsSnapshot;
}

/**
 * The second complaint detector: a binary logistic regression (the shared ML core's softmax
 * regression) over TF-IDF word and character n-grams plus the message's tone cues
 * (`complaint-tone.ts`). It sees the text differently from the Bayes detector (weighted n-grams
 * and sub-words instead of word presence), so the two agreeing is stronger evidence than either
 * alone: on messages from other kinds of services, the Bayes detector alone took calm problem
 * reports ("my transfer is still pending, is that normal?") for complaints.
 */
export class ComplaintDetectorSoftmax {
  private constructor(
    private readonly features: FeatureSpace,
    private readonly weights: DenseWeights,
  ) {}

  /** Trains on `documents`; deterministic. */
  static train(documents: readonly DetectorDocument[]): ComplaintDetectorSoftmax {
    const analysed = documents.map((d) => analyse(d.text));
    const features = FeatureSpace.fit(analysed, DETECTOR_FEATURE_SETTINGS);
    const weights = new DenseWeights(features.size + COMPLAINT_TONE_CUES.length, 2);
    const model = new ComplaintDetectorSoftmax(features, weights);
    const examples = documents.map((d, i) => ({
      x: model.vector(analysed[i] ?? analyse(d.text), d.tones),
      label: d.isComplaint ? COMPLAINT_CLASS : NOT_COMPLAINT_CLASS,
    }));
    trainSoftmax(weights, examples, DETECTOR_TRAINING_SETTINGS);
    weights.finishTraining();
    return model;
  }

  toSnapshot(): ComplaintDetectorSoftmaxSnapshot {
    return { features: this.features.toSnapshot(), weights: this.weights.toSnapshot() };
  }

  static fromSnapshot(snapshot: ComplaintDetectorSoftmaxSnapshot): ComplaintDetectorSoftmax {
    return new ComplaintDetectorSoftmax(
      FeatureSpace.fromSnapshot(snapshot.features),
      DenseWeights.fromSnapshot(snapshot.weights),
    );
  }

  /** The probability that the message is a complaint, in [0, 1]. */
  complaintProbability(text: string, tones: readonly ComplaintToneCue[]): number {
    const logits = new Float32Array(2);
    this.weights.scores(this.vector(analyse(text), tones), null, logits);
    softmaxInPlace(logits, 2);
    const probability = logits[COMPLAINT_CLASS] ?? 0;
    return Number.isFinite(probability) ? probability : 0;
  }

  /** The TF-IDF vector followed by one slot per tone cue present. */
  private vector(analysed: AnalysedText, tones: readonly ComplaintToneCue[]): SparseVector {
    const text = this.features.vectorise(analysed);
    const slots = [...new Set(tones)].map((tone) => COMPLAINT_TONE_CUES.indexOf(tone)).filter((slot) => slot >= 0);
    if (slots.length === 0) return text;
    const indices = new Int32Array(text.indices.length + slots.length);
    const values = new Float32Array(text.values.length + slots.length);
    indices.set(text.indices);
    values.set(text.values);
    slots.forEach((slot, k) => {
      indices[text.indices.length + k] = this.features.size + slot;
      values[text.values.length + k] = TONE_WEIGHT;
    });
    return { indices, values };
  }
}
