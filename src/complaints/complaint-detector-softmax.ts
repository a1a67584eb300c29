import type { FeatureSettings, TrainingSettings } from '../ml/index.ts';
import { COMPLAINT_TONE_CUES, type ComplaintToneCue } from './complaint-tone.ts';
import { type CueBlockSettings, CueBlockSoftmax, type CueBlockSoftmaxSnapshot } from './cue-block-softmax.ts';

/** Word uni+bigrams and character 2–5-grams, the character block at 0.3 (as the category model). */
const DETECTOR_FEATURE_SETTINGS: FeatureSettings = { charMin: 2, charMax: 5, wordWeight: 1, charWeight: 0.3 };
/** Each tone cue present adds one feature of this value after the TF-IDF block. */
const TONE_WEIGHT = 1;
const DETECTOR_TRAINING_SETTINGS: TrainingSettings = { epochs: 8, learningRate: 0.4, randomNegatives: 0, seed: 1 };

const NOT_COMPLAINT_CLASS = 0;
const COMPLAINT_CLASS = 1;

const DETECTOR_SETTINGS: CueBlockSettings = {
  features: DETECTOR_FEATURE_SETTINGS,
  training: DETECTOR_TRAINING_SETTINGS,
  cues: COMPLAINT_TONE_CUES,
  cueValue: () => TONE_WEIGHT,
  classes: 2,
};

/** One training message for the detector. */
export interface DetectorDocument {
  readonly text: string;
  readonly tones: readonly ComplaintToneCue[];
  readonly isComplaint: boolean;
}

/** A trained {@link ComplaintDetectorSoftmax} as plain data. */
export type ComplaintDetectorSoftmaxSnapshot = CueBlockSoftmaxSnapshot;

/**
 * The second complaint detector: a binary logistic regression (the shared ML core's softmax
 * regression) over TF-IDF word and character n-grams plus the message's tone cues
 * (`complaint-tone.ts`; the model is `CueBlockSoftmax`). It sees the text differently from the
 * Bayes detector (weighted n-grams and sub-words instead of word presence), so the two agreeing is
 * stronger evidence than either alone: on messages from other kinds of services, the Bayes detector
 * alone took calm problem reports ("my transfer is still pending, is that normal?") for complaints.
 */
export class ComplaintDetectorSoftmax {
  private constructor(private readonly model: CueBlockSoftmax) {}

  /** Trains on `documents`; deterministic. */
  static train(documents: readonly DetectorDocument[]): ComplaintDetectorSoftmax {
    const labelled = documents.map((d) => ({
      text: d.text,
      cues: d.tones,
      label: d.isComplaint ? COMPLAINT_CLASS : NOT_COMPLAINT_CLASS,
    }));
    return new ComplaintDetectorSoftmax(CueBlockSoftmax.train(labelled, DETECTOR_SETTINGS));
  }

  toSnapshot(): ComplaintDetectorSoftmaxSnapshot {
    return this.model.toSnapshot();
  }

  static fromSnapshot(snapshot: ComplaintDetectorSoftmaxSnapshot): ComplaintDetectorSoftmax {
    return new ComplaintDetectorSoftmax(CueBlockSoftmax.fromSnapshot(snapshot, DETECTOR_SETTINGS));
  }

  /** The probability that the message is a complaint, in [0, 1]. */
  complaintProbability(text: string, tones: readonly ComplaintToneCue[]): number {
    const probability = this.model.probabilities(text, tones)[COMPLAINT_CLASS] ?? 0;
    return Number.isFinite(probability) ? probability : 0;
  }
}
