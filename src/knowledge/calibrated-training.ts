import { HASHED_MAX_EPOCHS, MatcherModel, type ClassPhrasings } from './matcher-model.ts';
import { SeededRandom } from './seeded-random.ts';
import { softmaxInPlace, DEFAULT_TRAINING_SETTINGS, type TrainingSettings } from './softmax-training.ts';

/**
 * Temperature used when a knowledge base is too small to hold phrasings out for calibration;
 * about the NLL-optimal value on a validation split of BANKING77's training data (default settings).
 */
export const DEFAULT_TEMPERATURE = 0.75;
/** Calibrate only with at least this many held-out phrasings. */
export const MIN_CALIBRATION_PHRASINGS = 60;
const HOLDOUT_FRACTION = 0.1;
const MAX_HOLDOUT = 2000;

/** A trained model and how its temperature was set. */
export interface CalibratedModel {
  readonly model: MatcherModel;
  readonly temperature: number;
  /** Held-out phrasings the temperature was fitted on (0 = default temperature). */
  readonly calibrationPhrasings: number;
}

/** Epochs over all phrasings after calibration, so the held-out ones are learnt too. */
export const FINAL_EPOCHS = 2;

/**
 * Trains the model with a calibrated softmax temperature:
 * 1. hold out 10% (at most 2,000) of the phrasings, seeded, only from classes with at least three,
 *    and train on the rest;
 * 2. fit the temperature T that minimises the held-out negative log-likelihood (golden-section
 *    search over ln T in [ln 0.2, ln 5]), so that a probability of 0.8 is right about 80% of the time;
 * 3. continue training for `FINAL_EPOCHS` epochs (1 with hashed weights) over every phrasing (cheaper than training again
 *    from scratch; measured to keep the calibration) and keep T.
 * With fewer than 60 held-out phrasings, steps 1–2 are skipped and `DEFAULT_TEMPERATURE` is used.
 */
export function trainCalibratedModel(
  phrasings: readonly ClassPhrasings[],
  settings: TrainingSettings = DEFAULT_TRAINING_SETTINGS,
  onProgress?: (done: number, total: number) => void,
): CalibratedModel {
  const model = MatcherModel.create(phrasings);
  const random = new SeededRandom(settings.seed + 7919);
  const total = model.phrasingCount;
  const budget = Math.min(MAX_HOLDOUT, Math.floor(total * HOLDOUT_FRACTION));
  const candidates: number[] = [];
  let offset = 0;
  for (const list of phrasings) {
    const order = random.shuffle(list.map((_, i) => offset + i));
    if (list.length >= 3) candidates.push(...order.slice(0, Math.max(1, Math.round(list.length * HOLDOUT_FRACTION))));
    offset += list.length;
  }
  const holdout = random.shuffle(candidates).slice(0, budget);
  const finalSettings = { ...settings, epochs: model.dense ? FINAL_EPOCHS : 1, seed: settings.seed + 1 };
  if (holdout.length < MIN_CALIBRATION_PHRASINGS) {
    model.train(settings, undefined, onProgress);
    model.temperature = DEFAULT_TEMPERATURE;
    model.finishTraining();
    return { model, temperature: DEFAULT_TEMPERATURE, calibrationPhrasings: 0 };
  }
  const held = new Set(holdout);
  const epochs = model.dense ? settings.epochs : Math.min(settings.epochs, HASHED_MAX_EPOCHS);
  const steps = epochs * (total - held.size) + finalSettings.epochs * total;
  model.train(settings, (i) => !held.has(i), (done) => onProgress?.(done, steps));
  const labels = phrasings.flatMap((list, cls) => list.map(() => cls));
  const texts = phrasings.flat();
  const temperature = fitTemperature(model, holdout.map((i) => ({ cls: labels[i] as number, text: texts[i] as string })));
  const first = epochs * (total - held.size);
  model.train(finalSettings, undefined, (done) => onProgress?.(first + done, steps));
  model.temperature = temperature;
  model.finishTraining();
  return { model, temperature, calibrationPhrasings: holdout.length };
}

function fitTemperature(model: MatcherModel, holdout: readonly { cls: number; text: string }[]): number {
  const scored: { logits: Float32Array; target: number }[] = [];
  for (const { cls, text } of holdout) {
    const result = model.logits(model.prepare(text));
    if (result === null) continue;
    const target = result.classes === null ? cls : result.classes.indexOf(cls);
    scored.push({ logits: result.logits, target });
  }
  const buffer = new Float32Array(model.classCount + 1);
  const nll = (lnT: number): number => {
    let sum = 0;
    for (const { logits, target } of scored) {
      if (target < 0) {
        sum += 10;
        continue;
      }
      const p = buffer.subarray(0, logits.length);
      p.set(logits);
      softmaxInPlace(p, p.length, Math.exp(lnT));
      sum -= Math.log(Math.max(1e-9, p[target] as number));
    }
    return sum;
  };
  let lo = Math.log(0.2);
  let hi = Math.log(5);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 30; step += 1) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
