import { EMPTY_VECTOR, type SparseVector } from './sparse-vector.ts';
import type { AnalysedText } from './text-pipeline.ts';

/** Which features describe a text, and how much each block weighs. */
export interface FeatureSettings {
  /** Character n-grams inside word boundaries (each word padded with spaces), from `charMin` to `charMax`. */
  readonly charMin: number;
  readonly charMax: number;
  /** Weight of the word block (stem unigrams + bigrams) and of the character block; each block is L2-normalised first. */
  readonly wordWeight: number;
  readonly charWeight: number;
}

/** Word uni+bigrams and char 2–5-grams, blocks weighted equally (as sklearn's FeatureUnion of two TfidfVectorizers). */
const DEFAULT_FEATURE_SETTINGS: FeatureSettings = { charMin: 2, charMax: 5, wordWeight: 1, charWeight: 1 };

const WORD_BLOCK = 0;
const CHAR_BLOCK = 1;

/** Calls `emit(feature, block)` for every feature occurrence in a text. */
function forEachFeature(
  text: AnalysedText,
  settings: FeatureSettings,
  emit: (feature: string, block: number) => void,
): void {
  const { stems, tokens } = text;
  for (let i = 0; i < stems.length; i += 1) {
    emit(`w ${stems[i]}`, WORD_BLOCK);
    if (i + 1 < stems.length) emit(`b ${stems[i]} ${stems[i + 1]}`, WORD_BLOCK);
  }
  for (const token of tokens) {
    const padded = ` ${token} `;
    for (let n = settings.charMin; n <= settings.charMax; n += 1) {
      for (let start = 0; start + n <= padded.length; start += 1) emit(padded.slice(start, start + n), CHAR_BLOCK);
      if (n >= padded.length) break;
    }
  }
}

/** A fitted {@link FeatureSpace} as plain data (structured-cloneable): features in id order. */
export interface FeatureSpaceSnapshot {
  readonly settings: FeatureSettings;
  readonly features: readonly string[];
  readonly idf: Float32Array;
  readonly block: Uint8Array;
}

/** Every training text's feature ids, concatenated: text t's are `ids[offsets[t] .. offsets[t + 1])`. */
interface FeatureOccurrences {
  ids: Int32Array;
  length: number;
  readonly offsets: Int32Array;
}

/**
 * A fitted TF-IDF feature space: the vocabulary (feature string → id) and the idf of each feature.
 * Vectors use sublinear tf (1 + ln tf), smoothed idf (ln((1 + N) / (1 + df)) + 1) and are
 * L2-normalised per block, so a long message does not outweigh a short one.
 */
export class FeatureSpace {
  readonly settings: FeatureSettings;
  readonly #vocabulary: Map<string, number>;
  readonly #idf: Float32Array;
  readonly #block: Uint8Array;
  /** Scratch while vectorising: occurrences of each feature (zero between calls) and the features seen, in first-occurrence order. */
  readonly #counts: Int32Array;
  #order = new Int32Array(256);
  #orderLength = 0;

  private constructor(
    settings: FeatureSettings,
    vocabulary: Map<string, number>,
    idf: Float32Array,
    block: Uint8Array,
  ) {
    this.settings = settings;
    this.#vocabulary = vocabulary;
    this.#idf = idf;
    this.#block = block;
    this.#counts = new Int32Array(idf.length);
  }

  /** Number of features. */
  get size(): number {
    return this.#idf.length;
  }

  /** Id of the word feature of `stem` (a stemmed word), `undefined` when no training text had it. */
  wordFeatureId(stem: string): number | undefined {
    return this.#vocabulary.get(`w ${stem}`);
  }

  /** The fitted space as plain data; `FeatureSpace.fromSnapshot` gives back an equal space. */
  toSnapshot(): FeatureSpaceSnapshot {
    // Ids are assigned in first-seen order, so the map's insertion order is id order.
    return {
      settings: { ...this.settings },
      features: [...this.#vocabulary.keys()],
      idf: this.#idf.slice(),
      block: this.#block.slice(),
    };
  }

  /** Rebuilds a space from `toSnapshot()` (one map insertion per feature, no fitting). */
  static fromSnapshot(snapshot: FeatureSpaceSnapshot): FeatureSpace {
    const { features, idf, block } = snapshot;
    if (features.length !== idf.length || block.length !== idf.length)
      throw new Error('FeatureSpace snapshot: lengths differ');
    const vocabulary = new Map<string, number>();
    for (let id = 0; id < features.length; id += 1) vocabulary.set(features[id] as string, id);
    return new FeatureSpace({ ...snapshot.settings }, vocabulary, idf, block);
  }

  /** Learns the vocabulary and document frequencies from training texts. */
  static fit(texts: readonly AnalysedText[], settings: FeatureSettings = DEFAULT_FEATURE_SETTINGS): FeatureSpace {
    return FeatureSpace.#fit(texts, settings, null);
  }

  /**
   * `fit`, plus the vector of every training text (`vectors[i]` equals `space.vectorise(texts[i])`),
   * without extracting each text's features a second time.
   */
  static fitAndVectorise(
    texts: readonly AnalysedText[],
    settings: FeatureSettings = DEFAULT_FEATURE_SETTINGS,
  ): { space: FeatureSpace; vectors: SparseVector[] } {
    const occurrences: FeatureOccurrences = {
      ids: new Int32Array(1 << 16),
      length: 0,
      offsets: new Int32Array(texts.length + 1),
    };
    const space = FeatureSpace.#fit(texts, settings, occurrences);
    const { ids, offsets } = occurrences;
    const vectors = texts.map((_, t) => {
      for (let k = offsets[t] as number; k < (offsets[t + 1] as number); k += 1) space.#count(ids[k] as number);
      return space.#takeVector();
    });
    return { space, vectors };
  }

  /** Fits the space; when `occurrences` is given, records each text's feature ids in emission order. */
  static #fit(
    texts: readonly AnalysedText[],
    settings: FeatureSettings,
    occurrences: FeatureOccurrences | null,
  ): FeatureSpace {
    const vocabulary = new Map<string, number>();
    const df: number[] = [];
    const blocks: number[] = [];
    const lastText: number[] = [];
    texts.forEach((text, t) => {
      forEachFeature(text, settings, (feature, block) => {
        let id = vocabulary.get(feature);
        if (id === undefined) {
          id = df.length;
          vocabulary.set(feature, id);
          df.push(0);
          blocks.push(block);
          lastText.push(-1);
        }
        if (lastText[id] !== t) {
          lastText[id] = t;
          df[id] = (df[id] as number) + 1;
        }
        if (occurrences !== null) {
          if (occurrences.length === occurrences.ids.length) {
            const grown = new Int32Array(occurrences.ids.length * 2);
            grown.set(occurrences.ids);
            occurrences.ids = grown;
          }
          occurrences.ids[occurrences.length] = id;
          occurrences.length += 1;
        }
      });
      if (occurrences !== null) occurrences.offsets[t + 1] = occurrences.length;
    });
    const n = texts.length;
    const idf = new Float32Array(df.length);
    for (let i = 0; i < df.length; i += 1) idf[i] = Math.log((1 + n) / (1 + (df[i] as number))) + 1;
    return new FeatureSpace(settings, vocabulary, idf, Uint8Array.from(blocks));
  }

  /** The TF-IDF vector of a text; features never seen in training are ignored. */
  vectorise(text: AnalysedText): SparseVector {
    forEachFeature(text, this.settings, (feature) => {
      const id = this.#vocabulary.get(feature);
      if (id !== undefined) this.#count(id);
    });
    return this.#takeVector();
  }

  /** Counts one occurrence of feature `id` towards the vector being built. */
  #count(id: number): void {
    if (this.#counts[id] === 0) {
      if (this.#orderLength === this.#order.length) {
        const grown = new Int32Array(this.#order.length * 2);
        grown.set(this.#order);
        this.#order = grown;
      }
      this.#order[this.#orderLength] = id;
      this.#orderLength += 1;
    }
    this.#counts[id] = (this.#counts[id] as number) + 1;
  }

  /** The vector of the counted occurrences (features in first-occurrence order); resets the scratch. */
  #takeVector(): SparseVector {
    const n = this.#orderLength;
    this.#orderLength = 0;
    if (n === 0) return EMPTY_VECTOR;
    const indices = this.#order.slice(0, n);
    const values = new Float32Array(n);
    const norms = [0, 0];
    for (let k = 0; k < n; k += 1) {
      const id = indices[k] as number;
      const value = (1 + Math.log(this.#counts[id] as number)) * (this.#idf[id] as number);
      this.#counts[id] = 0;
      values[k] = value;
      const block = this.#block[id] as number;
      norms[block] = (norms[block] as number) + value * value;
    }
    const scale = [
      this.settings.wordWeight / (Math.sqrt(norms[WORD_BLOCK] as number) || 1),
      this.settings.charWeight / (Math.sqrt(norms[CHAR_BLOCK] as number) || 1),
    ];
    for (let i = 0; i < n; i += 1)
      values[i] = (values[i] as number) * (scale[this.#block[indices[i] as number] as number] as number);
    return { indices, values };
  }
}
