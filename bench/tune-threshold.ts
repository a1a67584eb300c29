/**
 * Chooses the default matcher threshold on BANKING77's TRAINING data only (the test set is never
 * read): 10 intents (seeded) are left out as unseen, 15% of the remaining rows are validation, the
 * matcher is built on the rest, and in-scope accuracy / out-of-scope recall are printed per threshold.
 *
 *   node --import tsx bench/tune-threshold.ts [--seed 7]
 */

import { entriesFromLabelledTexts } from '../src/knowledge/evaluation/labelled-knowledge.ts';
import { AnswerMatcher } from '../src/knowledge/matching/answer-matcher.ts';
import { bankingUnseenSplit } from './unseen-split.ts';

const { training, validation, outOfScope } = await bankingUnseenSplit();

const started = performance.now();
const matcher = AnswerMatcher.build({ entries: entriesFromLabelledTexts(training), options: { threshold: 0 } });
console.log(`built in ${Math.round(performance.now() - started)} ms`);
const score = (text: string) => matcher.rank(text, 1)[0];
const inResults = validation.map((r) => ({ c: score(r.text), expected: r.category }));
const oosConfidences = outOfScope.map((r) => score(r.text)?.confidence ?? 0);
const base = inResults.filter((r) => r.c?.entry.id === r.expected).length / inResults.length;
console.log(
  `validation in-scope accuracy without threshold: ${base.toFixed(3)} (${inResults.length} rows, ${oosConfidences.length} out-of-scope rows)`,
);
console.log('threshold | in-scope acc | OOS recall');
for (let t = 0.1; t <= 0.61; t += 0.05) {
  const acc =
    inResults.filter((r) => r.c !== undefined && r.c.entry.id === r.expected && r.c.confidence >= t).length /
    inResults.length;
  const recall = oosConfidences.filter((c) => c < t).length / oosConfidences.length;
  console.log(`${t.toFixed(2)} | ${acc.toFixed(3)} | ${recall.toFixed(3)}`);
}
// Calibration check: mean confidence vs. accuracy of the top answer, in bins.
const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.01];
for (let b = 0; b + 1 < bins.length; b += 1) {
  const inBin = inResults.filter(
    (r) => (r.c?.confidence ?? 0) >= (bins[b] as number) && (r.c?.confidence ?? 0) < (bins[b + 1] as number),
  );
  if (inBin.length === 0) continue;
  const mean = inBin.reduce((s, r) => s + (r.c?.confidence ?? 0), 0) / inBin.length;
  const acc = inBin.filter((r) => r.c?.entry.id === r.expected).length / inBin.length;
  console.log(
    `confidence [${bins[b]}, ${bins[b + 1]}): n=${inBin.length} mean=${mean.toFixed(3)} accuracy=${acc.toFixed(3)}`,
  );
}
