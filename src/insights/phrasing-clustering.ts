import { type AnalysedText, FeatureSpace } from '../ml/index.ts';

/** One distinct phrasing to cluster: its analysed text, how many messages used it, the matcher's view. */
export interface ClusterPoint {
  readonly analysed: AnalysedText;
  readonly weight: number;
  readonly candidates: ReadonlyArray<{ readonly entryId: string; readonly confidence: number }>;
}

/** How similar two phrasings must be to share a group, and what "similar" is made of. */
export interface ClusteringSettings {
  /** Cosine similarity to a group's centroid at or above which a phrasing joins it. */
  readonly similarity: number;
  /** Share of the served matcher's candidate scores in the similarity (the rest is the text's TF-IDF). */
  readonly matcherWeight: number;
  /** Weight of character n-grams against word stems and bigrams in the text part (0: words only). */
  readonly charWeight: number;
}

interface Vector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** L2-normalises `values` over `indices`, scaled by `scale`; zero weights are dropped. */
function unit(indices: ArrayLike<number>, values: ArrayLike<number>, scale: number): Vector {
  let norm = 0;
  for (let k = 0; k < values.length; k += 1) norm += (values[k] as number) ** 2;
  const kept: number[] = [];
  for (let k = 0; k < values.length; k += 1) if (values[k] !== 0) kept.push(k);
  const factor = norm === 0 ? 0 : scale / Math.sqrt(norm);
  return {
    indices: Int32Array.from(kept, (k) => indices[k] as number),
    values: Float64Array.from(kept, (k) => (values[k] as number) * factor),
  };
}

/**
 * Each phrasing as one vector: its TF-IDF text vector (words, bigrams and, weighted, character
 * n-grams, fitted on the phrasings themselves) and the served matcher's candidate confidences, each
 * part L2-normalised and weighted so a dot product of two vectors is
 * `(1 - matcherWeight) · cos(text) + matcherWeight · cos(candidates)`.
 */
function vectorsOf(points: readonly ClusterPoint[], settings: ClusteringSettings): Vector[] {
  const { space, vectors } = FeatureSpace.fitAndVectorise(
    points.map((p) => p.analysed),
    { charMin: 3, charMax: 5, wordWeight: 1, charWeight: settings.charWeight },
  );
  const entryIndex = new Map<string, number>();
  const textScale = Math.sqrt(1 - settings.matcherWeight);
  const matcherScale = Math.sqrt(settings.matcherWeight);
  return points.map((point, i) => {
    const text = vectors[i] as { indices: Int32Array; values: Float32Array };
    const textPart = unit(text.indices, text.values, textScale);
    const entries = point.candidates.map((c) => {
      let index = entryIndex.get(c.entryId);
      if (index === undefined) {
        index = space.size + entryIndex.size;
        entryIndex.set(c.entryId, index);
      }
      return index;
    });
    const matcherPart = unit(
      entries,
      point.candidates.map((c) => c.confidence),
      matcherScale,
    );
    const indices = new Int32Array(textPart.indices.length + matcherPart.indices.length);
    indices.set(textPart.indices);
    indices.set(matcherPart.indices, textPart.indices.length);
    const values = new Float64Array(indices.length);
    values.set(textPart.values);
    values.set(matcherPart.values, textPart.values.length);
    return { indices, values };
  });
}

/** Centroids of the groups being built, with an inverted index so a phrasing meets only the groups it shares a feature with. */
class Centroids {
  readonly #sums: Map<number, number>[] = [];
  readonly #norms2: number[] = [];
  readonly #postings = new Map<number, number[]>();

  get size(): number {
    return this.#sums.length;
  }

  /** The best group for `v` by cosine to its centroid, or undefined when none shares a feature. */
  best(v: Vector, dots: Float64Array): { group: number; cosine: number } | undefined {
    const touched: number[] = [];
    for (let k = 0; k < v.indices.length; k += 1) {
      const feature = v.indices[k] as number;
      const value = v.values[k] as number;
      for (const group of this.#postings.get(feature) ?? []) {
        if (dots[group] === 0) touched.push(group);
        dots[group] = (dots[group] as number) + value * ((this.#sums[group] as Map<number, number>).get(feature) ?? 0);
      }
    }
    let best: { group: number; cosine: number } | undefined;
    for (const group of touched) {
      const cosine = (dots[group] as number) / Math.sqrt(this.#norms2[group] as number);
      dots[group] = 0;
      if (best === undefined || cosine > best.cosine || (cosine === best.cosine && group < best.group))
        best = { group, cosine };
    }
    return best;
  }

  /** Starts a new, empty group; returns its index. */
  open(): number {
    this.#sums.push(new Map());
    this.#norms2.push(0);
    return this.#sums.length - 1;
  }

  /** Adds `weight` times `v` to group `group`'s centroid. */
  add(group: number, v: Vector, weight: number): void {
    const sum = this.#sums[group] as Map<number, number>;
    let dot = 0;
    let self = 0;
    for (let k = 0; k < v.indices.length; k += 1) {
      const feature = v.indices[k] as number;
      const value = v.values[k] as number;
      const before = sum.get(feature);
      if (before === undefined) {
        const list = this.#postings.get(feature);
        if (list === undefined) this.#postings.set(feature, [group]);
        else list.push(group);
      }
      dot += (before ?? 0) * value;
      self += value * value;
      sum.set(feature, (before ?? 0) + weight * value);
    }
    this.#norms2[group] = (this.#norms2[group] as number) + 2 * weight * dot + weight * weight * self;
  }
}

function leaderPass(
  vectors: readonly Vector[],
  order: readonly number[],
  points: readonly ClusterPoint[],
  similarity: number,
): number[] {
  const centroids = new Centroids();
  const assignment = new Array<number>(vectors.length).fill(-1);
  const dots = new Float64Array(vectors.length + 1);
  for (const i of order) {
    const v = vectors[i] as Vector;
    const found = centroids.best(v, dots);
    const group = found !== undefined && found.cosine >= similarity ? found.group : centroids.open();
    assignment[i] = group;
    centroids.add(group, v, (points[i] as ClusterPoint).weight);
  }
  return assignment;
}

/**
 * Groups similar phrasings: leader clustering (each phrasing, most used first, joins the group
 * whose centroid it is most similar to when at least `similarity`, else starts one), then one
 * pass that moves every phrasing to the best of the final centroids. Deterministic for the same
 * input. Returns groups of point indices; every point is in exactly one group.
 */
export function clusterPhrasings(points: readonly ClusterPoint[], settings: ClusteringSettings): number[][] {
  if (points.length === 0) return [];
  const vectors = vectorsOf(points, settings);
  const order = points
    .map((_, i) => i)
    .sort((a, b) => (points[b] as ClusterPoint).weight - (points[a] as ClusterPoint).weight || a - b);
  const first = leaderPass(vectors, order, points, settings.similarity);
  // Refine: rebuild the centroids from the first pass, then move each phrasing to its best one.
  const centroids = new Centroids();
  const groupCount = Math.max(...first) + 1;
  for (let g = 0; g < groupCount; g += 1) centroids.open();
  first.forEach((group, i) => {
    centroids.add(group, vectors[i] as Vector, (points[i] as ClusterPoint).weight);
  });
  const dots = new Float64Array(groupCount + 1);
  const groups = new Map<number, number[]>();
  for (const i of order) {
    const found = centroids.best(vectors[i] as Vector, dots);
    const group = found !== undefined && found.cosine >= settings.similarity ? found.group : (first[i] as number);
    const members = groups.get(group);
    if (members === undefined) groups.set(group, [i]);
    else members.push(i);
  }
  return [...groups.values()];
}
