/**
 * Which out-of-scope signal separates unseen intents best? Run on BANKING77's TRAINING data only
 * (the test set is never read), with the split of `bench/tune-threshold.ts`: 10 intents (seeded)
 * unseen, 15% of the rest as validation, the matcher's model trained on the remainder.
 *
 *   node --import tsx bench/oos-signals.ts [--seed 7]
 *
 * For each signal it prints the validation in-scope accuracy (top answer right and not rejected)
 * when rejecting just enough messages to reach 40/50/60% out-of-scope recall. Last, an "oracle":
 * a logistic regression fitted on half of these very rows (so it cannot be beaten by re-weighting
 * the same evidence) and scored on the other half, next to the shipped confidence on that half.
 * If the oracle is no better than the confidence, no recalibration of that evidence can help;
 * only a better model of the text can.
 */
import { trainCalibratedModel } from '../src/knowledge/matching/calibrated-training.ts';
import { evidenceFor } from '../src/knowledge/matching/candidate-evidence.ts';
import { probabilities } from '../src/knowledge/matching/matcher-model.ts';
import { bankingUnseenSplit } from './unseen-split.ts';

const RECALLS = [0.4, 0.5, 0.6];
const { seed, unseen, training, validation, outOfScope } = await bankingUnseenSplit();
const categories = [...new Set(training.map((r) => r.category))];
const { model, calibrator, temperature } = trainCalibratedModel(
  categories.map((c) => training.filter((r) => r.category === c).map((r) => r.text)),
);

/** What is known about one validation message's top candidate. */
interface Scored {
  readonly oos: boolean;
  /** In scope and the top candidate is right. */
  readonly correct: boolean;
  readonly signals: Readonly<Record<string, number>>;
}

const scored: Scored[] = [];
for (const [set, oos] of [
  [validation, false],
  [outOfScope, true],
] as const) {
  for (const row of set) {
    const message = model.prepare(row.text);
    const result = model.logits(message);
    if (result === null) {
      scored.push({ oos, correct: false, signals: {} });
      continue;
    }
    const raw = Float32Array.from(result.logits);
    const maxLogit = raw.reduce((m, v) => Math.max(m, v), -Infinity);
    const energy = maxLogit + Math.log(raw.reduce((s, v) => s + Math.exp(v - maxLogit), 0));
    const scores = probabilities(Float32Array.from(raw), result.classes, temperature);
    const [top] = evidenceFor(model, message, scores, 1);
    if (top === undefined) continue;
    const entropy = -scores.reduce((s, c) => s + (c.probability > 0 ? c.probability * Math.log(c.probability) : 0), 0);
    const all = model.similarities(
      message,
      Array.from({ length: model.classCount }, (_, c) => c),
    );
    let otherSimilarity = 0;
    all.forEach((value, c) => {
      if (c !== top.cls) otherSimilarity = Math.max(otherSimilarity, value);
    });
    const e = top.evidence;
    scored.push({
      oos,
      correct: !oos && categories[top.cls] === row.category,
      signals: {
        confidence: calibrator.confidence(e),
        probability: e.probability,
        margin: e.margin,
        coverage: e.coverage,
        similarity: e.similarity,
        'max logit': maxLogit,
        energy,
        '-entropy': -entropy,
        'similarity margin': e.similarity - otherSimilarity,
        'confidence x similarity': calibrator.confidence(e) * e.similarity,
      },
    });
  }
}

/** In-scope accuracy at each target recall when rejecting the lowest `score`s. */
function curve(rowsToScore: readonly Scored[], score: (s: Scored) => number): number[] {
  const sorted = rowsToScore.map((s) => ({ s, v: score(s) })).sort((a, b) => a.v - b.v);
  const outCount = rowsToScore.filter((s) => s.oos).length;
  const inCount = rowsToScore.length - outCount;
  return RECALLS.map((recall) => {
    let rejected = 0;
    let k = 0;
    while (rejected < Math.ceil(recall * outCount) && k < sorted.length) {
      if (sorted[k]?.s.oos === true) rejected += 1;
      k += 1;
    }
    return sorted.slice(k).filter((x) => x.s.correct).length / inCount;
  });
}

const f3 = (x: number): string => x.toFixed(3);
const header = `| signal | ${RECALLS.map((r) => `in-scope acc at OOS recall ${r}`).join(' | ')} |`;
console.log(
  `seed ${seed}: ${validation.length} validation rows, ${outOfScope.length} out-of-scope rows (unseen: ${[...unseen].join(', ')})\n`,
);
console.log(header);
console.log(`|---|${RECALLS.map(() => '---').join('|')}|`);
for (const name of Object.keys(scored.find((s) => s.signals.confidence !== undefined)?.signals ?? {})) {
  console.log(
    `| ${name} | ${curve(scored, (s) => s.signals[name] ?? -Infinity)
      .map(f3)
      .join(' | ')} |`,
  );
}

/** Logistic regression by Newton's method with a small ridge. */
function fitLogistic(x: readonly number[][], y: readonly number[]): number[] {
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < 30; step += 1) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-row.reduce((z, v, k) => z + v * (w[k] ?? 0), 0)));
      for (let a = 0; a < d; a += 1) {
        g[a] = (g[a] ?? 0) + (p - (y[i] ?? 0)) * (row[a] ?? 0);
        for (let b = 0; b < d; b += 1)
          (h[a] as number[])[b] = ((h[a] as number[])[b] ?? 0) + p * (1 - p) * (row[a] ?? 0) * (row[b] ?? 0);
      }
    });
    const m = h.map((row, i) => [...row, (g[i] ?? 0) + 0.01 * (w[i] ?? 0)]);
    for (const [i, row] of m.entries()) row[i] = (row[i] ?? 0) + 0.01;
    for (let c = 0; c < d; c += 1) {
      for (let r = 0; r < d; r += 1) {
        if (r === c) continue;
        const factor = ((m[r] as number[])[c] ?? 0) / ((m[c] as number[])[c] ?? 1);
        for (let k = c; k <= d; k += 1)
          (m[r] as number[])[k] = ((m[r] as number[])[k] ?? 0) - factor * ((m[c] as number[])[k] ?? 0);
      }
    }
    for (let a = 0; a < d; a += 1) w[a] = (w[a] ?? 0) - ((m[a] as number[])[d] ?? 0) / ((m[a] as number[])[a] ?? 1);
  }
  return w;
}

const ln = (v: number): number => Math.log(Math.max(1e-6, v) + 0.05);
const featureSets: Record<string, (s: Readonly<Record<string, number>>) => number[]> = {
  'the confidence evidence (probability, margin, coverage, similarity)': (s) => [
    1,
    ln(s.probability ?? 0),
    s.margin ?? 0,
    ln(s.coverage ?? 0),
    ln(s.similarity ?? 0),
  ],
  'all signals above': (s) => [
    1,
    ln(s.probability ?? 0),
    s.margin ?? 0,
    ln(s.coverage ?? 0),
    ln(s.similarity ?? 0),
    s['max logit'] ?? 0,
    s.energy ?? 0,
    s['-entropy'] ?? 0,
    s['similarity margin'] ?? 0,
  ],
};
const usable = scored.filter((s) => s.signals.confidence !== undefined);
const fitHalf = usable.filter((_, i) => i % 2 === 0);
const scoreHalf = usable.filter((_, i) => i % 2 === 1);
console.log(
  `\nOracle (fitted on half of these rows, scored on the other half; "shipped" = the confidence on the same half):\n`,
);
console.log(`| combiner | ${RECALLS.map((r) => `at recall ${r}`).join(' | ')} |`);
console.log(`|---|${RECALLS.map(() => '---').join('|')}|`);
for (const [name, features] of Object.entries(featureSets)) {
  const w = fitLogistic(
    fitHalf.map((s) => features(s.signals)),
    fitHalf.map((s) => (s.correct ? 1 : 0)),
  );
  const oracle = curve(scoreHalf, (s) => features(s.signals).reduce((z, v, k) => z + v * (w[k] ?? 0), 0));
  console.log(`| oracle: ${name} | ${oracle.map(f3).join(' | ')} |`);
}
console.log(
  `| shipped confidence | ${curve(scoreHalf, (s) => s.signals.confidence ?? 0)
    .map(f3)
    .join(' | ')} |`,
);
