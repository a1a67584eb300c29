import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type AnalysedText, FeatureSpace } from '../ml/index.ts';
import { SparseCentroids, type UnitVector, unitVector } from './sparse-centroids.ts';

/** One distinct phrasing to cluster: its analysed text, how many messages used it, the matcher's view. */
export interface ClusterPoint {
  readonly analysed: AnalysedText;
  readonly weight: number;
  readonly candidates: ReadonlyArray<{ readonly entryId: string; readonly confidence: number }>;
}

/** How similar two phrasings must be to share a group, and what "similar" is made of. */
export interface ClusteringSettings {
  /** Similarity to a group's centroid at or above which a phrasing joins it. */
  readonly similarity: number;
  /**
   * Exponent of the served matcher's agreement in the similarity: `text^(1 - w) · matcher^w`, so
   * both must be high; 0 ignores the matcher.
   */
  readonly matcherWeight: number;
  /** Weight of character n-grams against word stems and bigrams in the text part (0: words only). */
  readonly charWeight: number;
}

/** Phrasings placed between two yields to the event loop, so turns keep flowing while a large inbox is grouped. */
const YIELD_EVERY = 200;

/** A phrasing as two unit vectors: its words (TF-IDF) and the served matcher's candidate confidences. */
interface Point {
  readonly text: UnitVector;
  readonly matcher: UnitVector;
}

/** Only the words that carry the topic: stop words would make "do you sell X" and "do you ship Y" alike. */
function contentOf(text: AnalysedText): AnalysedText {
  // `terms` are the stems of the tokens that are not stop words, in order: walk both to keep
  // those tokens (their character n-grams see "delivery" in "deliver", where the stems differ).
  const tokens: string[] = [];
  let next = 0;
  text.stems.forEach((stem, i) => {
    if (next < text.terms.length && text.terms[next] === stem) {
      tokens.push(text.tokens[i] as string);
      next += 1;
    }
  });
  return { normalised: text.normalised, tokens, stems: text.terms, terms: text.terms };
}

function pointsOf(
  points: readonly ClusterPoint[],
  background: readonly AnalysedText[],
  settings: ClusteringSettings,
): Point[] {
  // Word statistics from the knowledge's phrasings as well: a handful of misses is too few to
  // tell a common word from a telling one.
  const { vectors } = FeatureSpace.fitAndVectorise([...points.map((p) => p.analysed), ...background].map(contentOf), {
    charMin: 3,
    charMax: 5,
    wordWeight: 1,
    charWeight: settings.charWeight,
  });
  const entryIndex = new Map<string, number>();
  return points.map((point, i) => {
    const text = vectors[i] as { indices: Int32Array; values: Float32Array };
    const entries = point.candidates.map((c) => {
      const known = entryIndex.get(c.entryId);
      if (known !== undefined) return known;
      entryIndex.set(c.entryId, entryIndex.size);
      return entryIndex.size - 1;
    });
    return {
      text: unitVector(text.indices, text.values),
      matcher: unitVector(
        entries,
        point.candidates.map((c) => c.confidence),
      ),
    };
  });
}

/** Text and matcher centroids of the groups being built, side by side. */
class Groups {
  readonly text = new SparseCentroids();
  readonly matcher = new SparseCentroids();
  readonly #scratch: Float64Array;

  constructor(
    capacity: number,
    private readonly settings: ClusteringSettings,
  ) {
    this.#scratch = new Float64Array(capacity + 1);
  }

  open(): number {
    this.matcher.open();
    return this.text.open();
  }

  add(group: number, point: Point, weight: number): void {
    this.text.add(group, point.text, weight);
    this.matcher.add(group, point.matcher, weight);
  }

  /**
   * The most similar group: only groups sharing a word feature are considered (text similarity
   * 0 means no evidence the messages are about the same thing, whatever the matcher says).
   */
  best(point: Point): { group: number; similarity: number } | undefined {
    const w = this.settings.matcherWeight;
    let best: { group: number; similarity: number } | undefined;
    this.text.cosines(point.text, this.#scratch, (group, textCosine) => {
      // The agreement is at most 1, so a group whose text alone cannot beat the best is skipped.
      const bound = textCosine ** (1 - w);
      if (best !== undefined && bound <= best.similarity) return;
      // Smoothed to [0.5, 1]: the matcher spreads a topic it has never seen over unrelated entries,
      // so its disagreement may weaken the text's evidence but never veto it.
      const agreement =
        w === 0 || point.matcher.indices.length === 0
          ? 1
          : (1 + Math.max(0, this.matcher.cosine(group, point.matcher))) / 2;
      const similarity = bound * agreement ** w;
      if (best === undefined || similarity > best.similarity || (similarity === best.similarity && group < best.group))
        best = { group, similarity };
    });
    return best;
  }
}

/**
 * Groups similar phrasings: leader clustering (each phrasing, most used first, joins the group
 * whose centroid it is most similar to when at least `similarity`, else starts one), then one
 * pass that moves every phrasing to the best of the final centroids. Deterministic for the same
 * input. `background` (the knowledge's own phrasings) only informs the word statistics. Returns groups of point indices; every point is in exactly one group.
 */
export async function clusterPhrasings(
  points: readonly ClusterPoint[],
  settings: ClusteringSettings,
  background: readonly AnalysedText[] = [],
): Promise<number[][]> {
  if (points.length === 0) return [];
  const vectors = pointsOf(points, background, settings);
  const weight = (i: number): number => (points[i] as ClusterPoint).weight;
  const order = points.map((_, i) => i).sort((a, b) => weight(b) - weight(a) || a - b);
  const leaders = new Groups(points.length, settings);
  const first: number[] = new Array<number>(points.length).fill(-1);
  for (const [n, i] of order.entries()) {
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const found = leaders.best(vectors[i] as Point);
    const group = found !== undefined && found.similarity >= settings.similarity ? found.group : leaders.open();
    first[i] = group;
    leaders.add(group, vectors[i] as Point, weight(i));
  }
  // Refine against the final centroids: an early phrasing may fit a group that formed after it.
  const groups = new Map<number, number[]>();
  for (const [n, i] of order.entries()) {
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const found = leaders.best(vectors[i] as Point);
    const group = found !== undefined && found.similarity >= settings.similarity ? found.group : (first[i] as number);
    const members = groups.get(group);
    if (members === undefined) groups.set(group, [i]);
    else members.push(i);
  }
  return [...groups.values()];
}
