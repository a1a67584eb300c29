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

/** How a {@link CueBlockSoftmax} is built: its features, its cue block, its classes and its training. */
export interface CueBlockSettings {
  readonly features: FeatureSettings;
  readonly training: TrainingSettings;
  /** The cue names, one feature slot each after the TF-IDF block, in this order. */
  readonly cues: readonly string[];
  /** The value of each present cue's feature, given how many distinct known cues are present. */
  readonly cueValue: (present: number) => number;
  readonly classes: number;
}

/** One training message: its text, the cues found in it and its class (0 to `classes` − 1). */
interface CueBlockDocument {
  readonly text: string;
  readonly cues: readonly string[];
  readonly label: number;
}

/** A trained {@link CueBlockSoftmax} as plain data. */
export interface CueBlockSoftmaxSnapshot {
  readonly features: FeatureSpaceSnapshot;
  readonly weights: WeightsSnapshot;
}

/**
 * A softmax regression (the shared ML core's seeded SGD) over TF-IDF word and character n-grams of
 * a message followed by a block of one feature per cue found in it: the model both complaint
 * stages use (`CategorySoftmax`, `ComplaintDetectorSoftmax`), which differ only in their cues,
 * classes and settings. Deterministic: the same documents and settings give the same model.
 */
export class CueBlockSoftmax {
  private constructor(
    private readonly settings: CueBlockSettings,
    private readonly features: FeatureSpace,
    private readonly weights: DenseWeights,
  ) {}

  /** Trains on `documents`; deterministic. */
  static train(documents: readonly CueBlockDocument[], settings: CueBlockSettings): CueBlockSoftmax {
    const analysed = documents.map((d) => analyse(d.text));
    const features = FeatureSpace.fit(analysed, settings.features);
    const weights = new DenseWeights(features.size + settings.cues.length, settings.classes);
    const model = new CueBlockSoftmax(settings, features, weights);
    const examples = documents.map((d, i) => ({
      x: model.vector(analysed[i] ?? analyse(d.text), d.cues),
      label: d.label,
    }));
    trainSoftmax(weights, examples, settings.training);
    weights.finishTraining();
    return model;
  }

  toSnapshot(): CueBlockSoftmaxSnapshot {
    return { features: this.features.toSnapshot(), weights: this.weights.toSnapshot() };
  }

  /** The model `snapshot` was taken of; `settings` must be the ones it was trained with. */
  static fromSnapshot(snapshot: CueBlockSoftmaxSnapshot, settings: CueBlockSettings): CueBlockSoftmax {
    return new CueBlockSoftmax(
      settings,
      FeatureSpace.fromSnapshot(snapshot.features),
      DenseWeights.fromSnapshot(snapshot.weights),
    );
  }

  /** The probability of each class for a message with `cues`, by class index. */
  probabilities(text: string, cues: readonly string[]): Float32Array {
    const logits = new Float32Array(this.settings.classes);
    this.weights.scores(this.vector(analyse(text), cues), null, logits);
    softmaxInPlace(logits, logits.length);
    return logits;
  }

  /** The TF-IDF vector followed by the cue block (one slot per known cue present; unknown ones are ignored). */
  private vector(analysed: AnalysedText, cues: readonly string[]): SparseVector {
    const text = this.features.vectorise(analysed);
    const slots = [...new Set(cues)].map((cue) => this.settings.cues.indexOf(cue)).filter((slot) => slot >= 0);
    if (slots.length === 0) return text;
    const indices = new Int32Array(text.indices.length + slots.length);
    const values = new Float32Array(text.values.length + slots.length);
    indices.set(text.indices);
    values.set(text.values);
    const value = this.settings.cueValue(slots.length);
    slots.forEach((slot, k) => {
      indices[text.indices.length + k] = this.features.size + slot;
      values[text.values.length + k] = value;
    });
    return { indices, values };
  }
}
