import {
  type AnalysedText,
  analyse,
  DenseWeights,
  FeatureSpace,
  type FeatureSpaceSnapshot,
  HashedWeights,
  type SparseVector,
  softmaxInPlace,
  type TrainingExample,
  type TrainingSettings,
  trainSoftmax,
  type WeightStore,
  type WeightsSnapshot,
} from '../../ml/index.ts';
import { LexicalIndex, type LexicalIndexSnapshot } from './lexical-index.ts';
import { PhrasingNeighbours, type PhrasingNeighboursSnapshot } from './phrasing-neighbours.ts';
import { TypoCorrector, type TypoCorrectorSnapshot } from './typo-corrector.ts';

/**
 * Up to this many classes (and feature × class cells) the softmax runs over every class with dense
 * weights; above, training and scoring cost grows with the class count, so weights are hashed and
 * each message is scored against the lexical index's candidates only.
 */
const DENSE_CLASS_LIMIT = 300;
const DENSE_CELL_LIMIT = 16_000_000;
/** Candidate classes scored per message when weights are hashed. */
const HASHED_CANDIDATES = 64;
/** Each class's hashed weight block holds 2^this slots (4,096 floats, 16 KB). */
const HASHED_BLOCK_BITS = 12;
/** Hard negative classes per training phrasing when weights are hashed. */
const HASHED_TRAINING_NEGATIVES = 8;
/** With hashed weights: at most this many epochs and random negatives (keeps 100k phrasings under a minute). */
export const HASHED_MAX_EPOCHS = 3;
const HASHED_RANDOM_NEGATIVES = 4;
/** Lexical candidate search skips terms found in more than this fraction of classes. */
const SELECTIVE_TERM_FRACTION = 0.05;

/** A class as the model sees it: an index and its training phrasings. */
export type ClassPhrasings = readonly string[];

/** One scored class for a message. */
export interface ClassScore {
  readonly cls: number;
  readonly probability: number;
}

/** A message after the pipeline and typo correction. */
export interface PreparedMessage {
  readonly analysed: AnalysedText;
  /** Words the corrector changed, original → correction. */
  readonly corrections: ReadonlyMap<string, string>;
  /** Its TF-IDF vector (empty when it shares no feature with the knowledge base). */
  readonly vector: SparseVector;
}

/** A trained {@link MatcherModel} as plain data (typed arrays, arrays, plain objects). */
export interface MatcherModelSnapshot {
  readonly dense: boolean;
  readonly temperature: number;
  readonly features: FeatureSpaceSnapshot;
  readonly lexical: LexicalIndexSnapshot;
  readonly typos: TypoCorrectorSnapshot;
  readonly weights: WeightsSnapshot;
  readonly neighbours: PhrasingNeighboursSnapshot;
}

/**
 * The trained part of the matcher, independent of knowledge entries: text pipeline, TF-IDF
 * features, softmax regression weights, BM25 index, nearest-phrasing index and typo corrector for
 * a list of classes.
 */
export class MatcherModel {
  readonly classCount: number;
  readonly features: FeatureSpace;
  readonly lexical: LexicalIndex;
  readonly typos: TypoCorrector;
  readonly weights: WeightStore;
  readonly dense: boolean;
  readonly neighbours: PhrasingNeighbours;
  temperature = 1;
  #examples: TrainingExample[] = [];

  private constructor(
    features: FeatureSpace,
    lexical: LexicalIndex,
    typos: TypoCorrector,
    weights: WeightStore,
    dense: boolean,
    neighbours: PhrasingNeighbours,
  ) {
    this.neighbours = neighbours;
    this.classCount = lexical.classCount;
    this.features = features;
    this.lexical = lexical;
    this.typos = typos;
    this.weights = weights;
    this.dense = dense;
  }

  /**
   * Prepares a model for `phrasings[c]`, the training texts of class `c`: vocabulary, TF-IDF,
   * BM25 index, typo corrector and zero weights. Train it with `train`, then `finishTraining`.
   */
  static create(phrasings: readonly ClassPhrasings[]): MatcherModel {
    const texts: AnalysedText[] = [];
    const labels: number[] = [];
    const classTerms: string[][] = phrasings.map(() => []);
    phrasings.forEach((list, cls) => {
      for (const phrasing of list) {
        const analysed = analyse(phrasing);
        texts.push(analysed);
        labels.push(cls);
        (classTerms[cls] as string[]).push(...analysed.terms);
      }
    });
    const { space: features, vectors } = FeatureSpace.fitAndVectorise(texts);
    const lexical = new LexicalIndex(classTerms);
    const typos = new TypoCorrector(texts.flatMap((t) => t.tokens));
    const classCount = phrasings.length;
    const dense = classCount <= DENSE_CLASS_LIMIT && features.size * classCount <= DENSE_CELL_LIMIT;
    const examples: TrainingExample[] = texts.map((text, i) => {
      const label = labels[i] as number;
      const x = vectors[i] as SparseVector;
      if (dense) return { x, label };
      const negatives = lexical
        .search(text.terms, HASHED_TRAINING_NEGATIVES + 1, SELECTIVE_TERM_FRACTION)
        .map((hit) => hit.cls)
        .filter((cls) => cls !== label)
        .slice(0, HASHED_TRAINING_NEGATIVES);
      return { x, label, candidates: Int32Array.from([label, ...negatives]) };
    });
    const weights: WeightStore = dense
      ? new DenseWeights(features.size, classCount)
      : new HashedWeights(features.size, classCount, HASHED_BLOCK_BITS);
    const byClass: SparseVector[][] = phrasings.map(() => []);
    for (const example of examples) (byClass[example.label] as SparseVector[]).push(example.x);
    const neighbours = new PhrasingNeighbours(byClass, features.size);
    const model = new MatcherModel(features, lexical, typos, weights, dense, neighbours);
    model.#examples = examples;
    return model;
  }

  /** The trained model as plain data; call after `finishTraining`. */
  toSnapshot(): MatcherModelSnapshot {
    if (this.#examples.length > 0) throw new Error('MatcherModel.toSnapshot: finish training first');
    return {
      dense: this.dense,
      temperature: this.temperature,
      features: this.features.toSnapshot(),
      lexical: this.lexical.toSnapshot(),
      typos: this.typos.toSnapshot(),
      weights: this.weights.toSnapshot(),
      neighbours: this.neighbours.toSnapshot(),
    };
  }

  /** A trained model from `toSnapshot()`: scores every message exactly as the original did. */
  static fromSnapshot(snapshot: MatcherModelSnapshot): MatcherModel {
    const weights = snapshot.dense
      ? DenseWeights.fromSnapshot(snapshot.weights)
      : HashedWeights.fromSnapshot(snapshot.weights);
    const model = new MatcherModel(
      FeatureSpace.fromSnapshot(snapshot.features),
      LexicalIndex.fromSnapshot(snapshot.lexical),
      TypoCorrector.fromSnapshot(snapshot.typos),
      weights,
      snapshot.dense,
      PhrasingNeighbours.fromSnapshot(snapshot.neighbours),
    );
    if (weights.classCount !== model.classCount || model.neighbours.classCount !== model.classCount) {
      throw new Error('MatcherModel snapshot: class counts differ');
    }
    model.temperature = snapshot.temperature;
    return model;
  }

  /** Number of training phrasings (in class order, phrasing order). */
  get phrasingCount(): number {
    return this.#examples.length;
  }

  /** Runs SGD epochs over the phrasings whose index passes `include` (all by default). */
  train(
    settings: TrainingSettings,
    include?: (phrasing: number) => boolean,
    onStep?: (done: number, total: number) => void,
  ): void {
    const examples = include === undefined ? this.#examples : this.#examples.filter((_, i) => include(i));
    const effective = this.dense
      ? { ...settings, randomNegatives: 0 }
      : { ...settings, epochs: Math.min(settings.epochs, HASHED_MAX_EPOCHS), randomNegatives: HASHED_RANDOM_NEGATIVES };
    trainSoftmax(this.weights, examples, effective, onStep);
  }

  /** Drops the training vectors and optimiser state. */
  finishTraining(): void {
    this.#examples = [];
    this.weights.finishTraining();
  }

  /** Runs the text pipeline and corrects out-of-vocabulary words. */
  prepare(text: string): PreparedMessage {
    const first = analyse(text);
    const corrections = new Map<string, string>();
    for (const token of first.tokens) {
      const corrected = this.typos.correct(token);
      if (corrected !== token) corrections.set(token, corrected);
    }
    const analysed =
      corrections.size === 0 ? first : analyse(first.tokens.map((token) => corrections.get(token) ?? token).join(' '));
    return { analysed, corrections, vector: this.features.vectorise(analysed) };
  }

  /**
   * Raw class scores (logits) for a message: over all classes, or over the lexical index's
   * candidates when weights are hashed. `null` when the message shares nothing with the knowledge base.
   */
  logits(message: PreparedMessage): { classes: Int32Array | null; logits: Float32Array } | null {
    const x = message.vector;
    if (x.indices.length === 0) return null;
    let classes: Int32Array | null = null;
    if (!this.dense) {
      const hits = this.lexical.search(message.analysed.terms, HASHED_CANDIDATES, SELECTIVE_TERM_FRACTION);
      if (hits.length === 0) return null;
      classes = Int32Array.from(hits, (hit) => hit.cls);
    }
    const logits = new Float32Array(classes === null ? this.classCount : classes.length);
    this.weights.scores(x, classes, logits);
    return { classes, logits };
  }

  /** Highest cosine similarity of the message to a phrasing of each of `classes` (see `PhrasingNeighbours`). */
  similarities(message: PreparedMessage, classes: ArrayLike<number>): Float32Array {
    const out = new Float32Array(classes.length);
    this.neighbours.similarities(message.vector, classes, out);
    return out;
  }

  /** Class probabilities, best first: softmax of the logits divided by `temperature`. */
  classify(message: PreparedMessage): ClassScore[] {
    const scored = this.logits(message);
    return scored === null ? [] : probabilities(scored.logits, scored.classes, this.temperature);
  }
}

/** Softmax of `logits / temperature` as class scores, best first (ties by class). Overwrites `logits`. */
export function probabilities(logits: Float32Array, classes: Int32Array | null, temperature: number): ClassScore[] {
  softmaxInPlace(logits, logits.length, temperature);
  const scores: ClassScore[] = [];
  for (let j = 0; j < logits.length; j += 1) {
    scores.push({ cls: classes === null ? j : (classes[j] as number), probability: logits[j] as number });
  }
  return scores.sort((a, b) => b.probability - a.probability || a.cls - b.cls);
}
