import type { AnalysedText } from './text-pipeline.ts';
import { EMPTY_VECTOR, type SparseVector } from './sparse-vector.ts';

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
export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = { charMin: 2, charMax: 5, wordWeight: 1, charWeight: 1 };

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

  private constructor(settings: FeatureSettings, vocabulary: Map<string, number>, idf: Float32Array, block: Uint8Array) {
    this.settings = settings;
    this.#vocabulary = vocabulary;
    this.#idf = idf;
    this.#block = block;
  }

  /** Number of features. */
  get size(): number {
    return this.#idf.length;
  }

  /** Learns the vocabulary and document frequencies from training texts. */
  static fit(texts: readonly AnalysedText[], settings: FeatureSettings = DEFAULT_FEATURE_SETTINGS): FeatureSpace {
    const vocabulary = new Map<string, number>();
    const df: number[] = [];
    const blocks: number[] = [];
    const seen = new Set<number>();
    for (const text of texts) {
      seen.clear();
      forEachFeature(text, settings, (feature, block) => {
        let id = vocabulary.get(feature);
        if (id === undefined) {
          id = df.length;
          vocabulary.set(feature, id);
          df.push(0);
          blocks.push(block);
        }
        if (!seen.has(id)) {
          seen.add(id);
          df[id] = (df[id] as number) + 1;
        }
      });
    }
    const n = texts.length;
    const idf = new Float32Array(df.length);
    for (let i = 0; i < df.length; i += 1) idf[i] = Math.log((1 + n) / (1 + (df[i] as number))) + 1;
    return new FeatureSpace(settings, vocabulary, idf, Uint8Array.from(blocks));
  }

  /** The TF-IDF vector of a text; features never seen in training are ignored. */
  vectorise(text: AnalysedText): SparseVector {
    const counts = new Map<number, number>();
    forEachFeature(text, this.settings, (feature) => {
      const id = this.#vocabulary.get(feature);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    });
    if (counts.size === 0) return EMPTY_VECTOR;
    const indices = new Int32Array(counts.size);
    const values = new Float32Array(counts.size);
    const norms = [0, 0];
    let k = 0;
    for (const [id, count] of counts) {
      const value = (1 + Math.log(count)) * (this.#idf[id] as number);
      indices[k] = id;
      values[k] = value;
      const block = this.#block[id] as number;
      norms[block] = (norms[block] as number) + value * value;
      k += 1;
    }
    const scale = [
      this.settings.wordWeight / (Math.sqrt(norms[WORD_BLOCK] as number) || 1),
      this.settings.charWeight / (Math.sqrt(norms[CHAR_BLOCK] as number) || 1),
    ];
    for (let i = 0; i < k; i += 1) values[i] = (values[i] as number) * (scale[this.#block[indices[i] as number] as number] as number);
    return { indices, values };
  }
}
