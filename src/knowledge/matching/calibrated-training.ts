import {
  DEFAULT_TRAINING_SETTINGS,
  fitTemperature,
  type HeldOutScores,
  SeededRandom,
  type TrainingSettings,
} from '../../ml/index.ts';
import { evidenceFor, withoutClass } from './candidate-evidence.ts';
import { type CalibrationSample, ConfidenceCalibrator } from './confidence-calibrator.ts';
import {
  type ClassPhrasings,
  type ClassScore,
  HASHED_MAX_EPOCHS,
  MatcherModel,
  type PreparedMessage,
  probabilities,
} from './matcher-model.ts';

/** Temperature used when a knowledge base is too small even for cross-validation. */
const DEFAULT_TEMPERATURE = 0.75;
/** Calibrate on a single hold-out split with at least this many held-out phrasings. */
const MIN_CALIBRATION_PHRASINGS = 300;
/** Below that, calibrate by K-fold cross-validation when it yields at least this many out-of-fold phrasings. */
const MIN_CROSS_VALIDATION_PHRASINGS = 10;
/** Folds of the cross-validation used for small knowledge bases. */
const CROSS_VALIDATION_FOLDS = 4;
const HOLDOUT_FRACTION = 0.1;
const MAX_HOLDOUT = 2000;

/**
 * Weight of the simulated out-of-scope samples (a held-out phrasing scored with its own entry
 * hidden) relative to the in-scope ones when fitting the calibrator: the prior share of
 * out-of-scope messages the confidence assumes. Chosen on BANKING77's training data (10 intents
 * unseen, 15% validation, `bench/tune-threshold.ts` split): 0.1 already costs 2 points of in-scope
 * accuracy at the default threshold, 0.25 three; 0.05 keeps it within about 1.5 points.
 */
const OUT_OF_SCOPE_WEIGHT = 0.05;

/** A trained model and how its temperature was set. */
export interface CalibratedModel {
  readonly model: MatcherModel;
  readonly temperature: number;
  readonly calibrator: ConfidenceCalibrator;
  /** Held-out phrasings the temperature was fitted on (0 = default temperature). */
  readonly calibrationPhrasings: number;
}

/**
 * Trains the model with a calibrated softmax temperature T (see `fitTemperature`) and a fitted
 * `ConfidenceCalibrator`. Only the first `eligible[c]` phrasings of class c (by default all) are
 * ever held out: the others (answer sentences, tags) are always trained on, since they are not
 * the kind of text a customer sends and would mislead the calibration.
 *
 * Large knowledge bases (at least 300 held-out phrasings): hold out 10% (at most 2,000) of the
 * phrasings, seeded, only from classes with at least three; train a throw-away model on the rest;
 * fit T and the calibrator on the held-out ones; then train the real model on every phrasing.
 *
 * Small knowledge bases: 4-fold cross-validation over the phrasings of classes with at least two
 * (each fold trains a throw-away model on the other folds), T fitted on all out-of-fold scores,
 * then the model is trained on everything. A fixed T would be wrong for them: how sure a softmax
 * may be depends on how many phrasings and classes there are. `DEFAULT_TEMPERATURE` is used only
 * when there are fewer than 10 out-of-fold phrasings.
 */
export function trainCalibratedModel(
  phrasings: readonly ClassPhrasings[],
  settings: TrainingSettings = DEFAULT_TRAINING_SETTINGS,
  onProgress?: (done: number, total: number) => void,
  eligible: readonly number[] = phrasings.map((list) => list.length),
  answerable: readonly boolean[] = phrasings.map(() => true),
): CalibratedModel {
  const random = new SeededRandom(settings.seed + 7919);
  const total = phrasings.reduce((n, list) => n + list.length, 0);
  const budget = Math.min(MAX_HOLDOUT, Math.floor(total * HOLDOUT_FRACTION));
  const candidates: number[] = [];
  let offset = 0;
  phrasings.forEach((list, cls) => {
    const n = Math.min(list.length, eligible[cls] ?? list.length);
    const order = random.shuffle(Array.from({ length: n }, (_, i) => offset + i));
    if (n >= 3) candidates.push(...order.slice(0, Math.max(1, Math.round(n * HOLDOUT_FRACTION))));
    offset += list.length;
  });
  const holdout = random.shuffle(candidates).slice(0, budget);
  if (holdout.length < MIN_CALIBRATION_PHRASINGS) {
    const scored = crossValidatedScores(phrasings, eligible, settings);
    const enough = scored.length >= MIN_CROSS_VALIDATION_PHRASINGS;
    const temperature = enough ? fitTemperature(scored) : DEFAULT_TEMPERATURE;
    const calibrator = enough
      ? ConfidenceCalibrator.fit(calibrationSamples(scored, temperature, answerable))
      : ConfidenceCalibrator.identity();
    const model = MatcherModel.create(phrasings);
    model.train(settings, undefined, onProgress);
    model.temperature = temperature;
    model.finishTraining();
    return { model, temperature, calibrator, calibrationPhrasings: enough ? scored.length : 0 };
  }
  // A separate model that never saw the held-out phrasings: evidence from the final model would be
  // leaked (a held-out phrasing is its own nearest neighbour and covers its own words).
  const held = new Set(holdout);
  let offset2 = 0;
  const kept = phrasings.map((list) => {
    const start = offset2;
    offset2 += list.length;
    return list.filter((_, i) => !held.has(start + i));
  });
  const labels = phrasings.flatMap((list, cls) => list.map(() => cls));
  const texts = phrasings.flat();
  const calibration = MatcherModel.create(kept);
  const epochs = calibration.dense ? settings.epochs : Math.min(settings.epochs, HASHED_MAX_EPOCHS);
  const steps = epochs * (total - held.size) + epochs * total;
  calibration.train(settings, undefined, (done) => onProgress?.(done, steps));
  calibration.finishTraining();
  const scored = heldOutScores(
    calibration,
    holdout.map((i) => ({ cls: labels[i] as number, text: texts[i] as string })),
  );
  const temperature = fitTemperature(scored);
  const calibrator = ConfidenceCalibrator.fit(calibrationSamples(scored, temperature, answerable));
  const first = epochs * (total - held.size);
  // Created only now, so the two models' training vectors are never in memory together.
  const model = MatcherModel.create(phrasings);
  model.train(settings, undefined, (done) => onProgress?.(first + done, steps));
  model.temperature = temperature;
  model.finishTraining();
  return { model, temperature, calibrator, calibrationPhrasings: holdout.length };
}

/** Out-of-fold logits of every eligible phrasing of a class with at least two, over `CROSS_VALIDATION_FOLDS` folds. */
function crossValidatedScores(
  phrasings: readonly ClassPhrasings[],
  eligible: readonly number[],
  settings: TrainingSettings,
): HeldOutPhrasing[] {
  const random = new SeededRandom(settings.seed + 104729);
  const folds = phrasings.map((list, cls) => {
    const n = Math.min(list.length, eligible[cls] ?? list.length);
    const order = random.shuffle(Array.from({ length: n }, (_, i) => i));
    const fold = new Array<number>(list.length).fill(-1);
    if (n >= 2) {
      for (const [rank, i] of order.entries()) fold[i] = rank % CROSS_VALIDATION_FOLDS;
    }
    return fold;
  });
  const scored: HeldOutPhrasing[] = [];
  for (let f = 0; f < CROSS_VALIDATION_FOLDS; f += 1) {
    const train = phrasings.map((list, cls) => list.filter((_, i) => (folds[cls] as number[])[i] !== f));
    const held = phrasings.flatMap((list, cls) =>
      list.filter((_, i) => (folds[cls] as number[])[i] === f).map((text) => ({ cls, text })),
    );
    if (held.length === 0) continue;
    const model = MatcherModel.create(train);
    model.train(settings);
    scored.push(...heldOutScores(model, held));
  }
  return scored;
}

/** A held-out phrasing as the model scored it, with what is needed to compute its evidence later. */
interface HeldOutPhrasing extends HeldOutScores {
  readonly model: MatcherModel;
  readonly message: PreparedMessage;
  readonly classes: Int32Array | null;
  readonly cls: number;
}

function heldOutScores(model: MatcherModel, held: readonly { cls: number; text: string }[]): HeldOutPhrasing[] {
  const scored: HeldOutPhrasing[] = [];
  for (const { cls, text } of held) {
    const message = model.prepare(text);
    const result = model.logits(message);
    if (result === null) continue;
    const target = result.classes === null ? cls : result.classes.indexOf(cls);
    scored.push({ logits: result.logits, classes: result.classes, target, model, message, cls });
  }
  return scored;
}

/**
 * Samples per held-out phrasing, about the first class that may be answered (`answerable`): its
 * top candidate (right or wrong), and the top candidate with its own entry hidden (always wrong:
 * the stand-in for an out-of-scope message, weighted `OUT_OF_SCOPE_WEIGHT`). A phrasing of a class
 * that is never answered (a disabled entry, or the knowledge base's out-of-scope examples) is a
 * real out-of-scope message: its top answerable candidate is wrong, with full weight.
 */
function calibrationSamples(
  scored: readonly HeldOutPhrasing[],
  temperature: number,
  answerable: readonly boolean[],
): CalibrationSample[] {
  const samples: CalibrationSample[] = [];
  const firstAnswerable = (model: MatcherModel, message: PreparedMessage, scores: readonly ClassScore[]) => {
    const k = scores.findIndex((s) => answerable[s.cls] !== false);
    return k < 0 ? undefined : evidenceFor(model, message, scores, k + 1)[k];
  };
  for (const { logits, classes, model, message, cls } of scored) {
    const scores = probabilities(Float32Array.from(logits), classes, temperature);
    const top = firstAnswerable(model, message, scores);
    if (answerable[cls] === false) {
      if (top !== undefined) samples.push({ evidence: top.evidence, correct: false, weight: 1 });
      continue;
    }
    if (top !== undefined) samples.push({ evidence: top.evidence, correct: top.cls === cls, weight: 1 });
    const hidden = firstAnswerable(model, message, withoutClass(scores, cls));
    if (hidden !== undefined) samples.push({ evidence: hidden.evidence, correct: false, weight: OUT_OF_SCOPE_WEIGHT });
  }
  return samples;
}
