/**
 * What the matcher knows about one candidate entry for one message, the inputs of the confidence:
 * - `probability`: the temperature-calibrated softmax probability of the entry;
 * - `margin`: that probability minus the best other entry's (negative for a runner-up);
 * - `coverage`: share of the message's content words that occur in the entry's phrasings;
 * - `similarity`: cosine similarity to the entry's closest phrasing (see `PhrasingNeighbours`).
 */
export interface CandidateEvidence {
  readonly probability: number;
  readonly margin: number;
  readonly coverage: number;
  readonly similarity: number;
}

/** One labelled example for fitting: the evidence for a top candidate and whether answering it was right. */
export interface CalibrationSample {
  readonly evidence: CandidateEvidence;
  readonly correct: boolean;
  readonly weight: number;
}

const FEATURES = 5;
/** Added before taking logs of coverage and similarity, so one unknown word does not zero the confidence. */
const LOG_FLOOR = 0.05;
/**
 * The weights a knowledge base starts from (bias, ln probability, margin, ln coverage, ln similarity):
 * about the average of the calibrators fitted on BANKING77's training split and on the sample
 * knowledge base's cross-validation. Fitting shrinks towards them (a Gaussian prior worth about
 * `PRIOR_PRECISION` unit-information samples), so a knowledge base with a dozen phrasings gets
 * about these, and one with hundreds gets its own.
 */
export const PRIOR_WEIGHTS: readonly number[] = [1.5, 0.9, 1.6, 1.4, 2];
const PRIOR_PRECISION = 10;
const NEWTON_STEPS = 25;

function featuresOf(e: CandidateEvidence): number[] {
  // Logs, so that a near-zero coverage or similarity can veto a confident softmax (as a product would).
  return [
    1,
    Math.log(Math.max(1e-6, e.probability)),
    e.margin,
    Math.log(e.coverage + LOG_FLOOR),
    Math.log(e.similarity + LOG_FLOOR),
  ];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Turns a candidate's evidence into a confidence: the estimated probability that answering with
 * this entry is right, by a logistic regression fitted when the matcher is built on phrasings it
 * did not train on (and on phrasings whose entry was hidden, which play the out-of-scope
 * messages). Because it is fitted per knowledge base, a confidence of 0.6 means "right about 60%
 * of the time" whether the knowledge base has 5 entries with 6 phrasings or 10,000 entries.
 */
export class ConfidenceCalibrator {
  readonly #weights: Float64Array;

  private constructor(weights: Float64Array) {
    this.#weights = weights;
  }

  /** The weights as plain data (`NaN` first for the identity calibrator). */
  toSnapshot(): Float64Array {
    return this.#weights.slice();
  }

  /** A calibrator from `toSnapshot()`. */
  static fromSnapshot(weights: Float64Array): ConfidenceCalibrator {
    if (weights.length !== FEATURES && !(weights.length === 1 && Number.isNaN(weights[0])))
      throw new Error('ConfidenceCalibrator snapshot: wrong length');
    return new ConfidenceCalibrator(weights.slice());
  }

  /** A calibrator that returns the probability itself (used when there is nothing to fit on). */
  static identity(): ConfidenceCalibrator {
    return new ConfidenceCalibrator(Float64Array.of(Number.NaN));
  }

  /**
   * Fits the weights by Newton's method on the weighted log-loss plus the prior; the
   * weights of the evidence (not the bias) are kept non-negative, so confidence is monotone in it.
   */
  static fit(samples: readonly CalibrationSample[]): ConfidenceCalibrator {
    const rows = samples.map((s) => ({ x: featuresOf(s.evidence), y: s.correct ? 1 : 0, w: s.weight }));
    const w = Float64Array.from(PRIOR_WEIGHTS);
    for (let step = 0; step < NEWTON_STEPS; step += 1) {
      const grad = new Float64Array(FEATURES);
      const hess = Array.from({ length: FEATURES }, () => new Float64Array(FEATURES));
      for (const { x, y, w: weight } of rows) {
        const p = sigmoid(x.reduce((z, v, i) => z + v * (w[i] as number), 0));
        for (let i = 0; i < FEATURES; i += 1) {
          grad[i] = (grad[i] as number) + weight * (p - y) * (x[i] as number);
          for (let j = 0; j < FEATURES; j += 1)
            (hess[i] as Float64Array)[j] =
              ((hess[i] as Float64Array)[j] as number) + weight * p * (1 - p) * (x[i] as number) * (x[j] as number);
        }
      }
      for (let i = 0; i < FEATURES; i += 1) {
        grad[i] = (grad[i] as number) + PRIOR_PRECISION * ((w[i] as number) - (PRIOR_WEIGHTS[i] as number));
        (hess[i] as Float64Array)[i] = ((hess[i] as Float64Array)[i] as number) + PRIOR_PRECISION;
      }
      const delta = solve(hess, grad);
      let change = 0;
      for (let i = 0; i < FEATURES; i += 1) {
        const next = (w[i] as number) - (delta[i] as number);
        // Projected: more probability, margin, coverage or similarity must never lower the confidence.
        w[i] = i === 0 ? next : Math.max(0, next);
        change = Math.max(change, Math.abs(delta[i] as number));
      }
      if (change < 1e-6) break;
    }
    return new ConfidenceCalibrator(w);
  }

  /** The fitted weights (bias, ln probability, margin, ln coverage, ln similarity), for explanations and tests. */
  get weights(): readonly number[] {
    return [...this.#weights];
  }

  /** The confidence in [0, 1] for a candidate. */
  confidence(evidence: CandidateEvidence): number {
    if (Number.isNaN(this.#weights[0])) return evidence.probability;
    const x = featuresOf(evidence);
    return sigmoid(x.reduce((z, v, i) => z + v * (this.#weights[i] as number), 0));
  }
}

/** Solves `a x = b` by Gaussian elimination with partial pivoting (a is small and positive definite). */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1)
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = (m[col] as number[])[col] as number;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const factor = ((m[r] as number[])[col] as number) / p;
      for (let c = col; c <= n; c += 1)
        (m[r] as number[])[c] = ((m[r] as number[])[c] as number) - factor * ((m[col] as number[])[c] as number);
    }
  }
  return Float64Array.from(
    { length: n },
    (_, i) => ((m[i] as number[])[n] as number) / ((m[i] as number[])[i] as number) || 0,
  );
}
