import { softmaxInPlace } from './softmax-training.ts';

/** The logits a model gave one held-out phrasing, and the index of its true class among them (-1: not among them). */
export interface HeldOutScores {
  readonly logits: Float32Array;
  readonly target: number;
}

/** Temperatures are searched in [MIN_TEMPERATURE, MAX_TEMPERATURE]. */
export const MIN_TEMPERATURE = 0.2;
export const MAX_TEMPERATURE = 5;
/** Negative log-likelihood charged when the true class was not even scored. */
const MISSING_TARGET_NLL = 10;

/**
 * The softmax temperature T that minimises the negative log-likelihood of the true classes of
 * held-out phrasings (golden-section search over ln T), so that a probability of 0.8 is right
 * about 80% of the time on phrasings the model did not train on.
 */
export function fitTemperature(scored: readonly HeldOutScores[]): number {
  const longest = scored.reduce((n, s) => Math.max(n, s.logits.length), 0);
  const buffer = new Float32Array(longest);
  const nll = (lnT: number): number => {
    let sum = 0;
    for (const { logits, target } of scored) {
      if (target < 0) {
        sum += MISSING_TARGET_NLL;
        continue;
      }
      const p = buffer.subarray(0, logits.length);
      p.set(logits);
      softmaxInPlace(p, p.length, Math.exp(lnT));
      sum -= Math.log(Math.max(1e-9, p[target] as number));
    }
    return sum;
  };
  let lo = Math.log(MIN_TEMPERATURE);
  let hi = Math.log(MAX_TEMPERATURE);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 30; step += 1) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
