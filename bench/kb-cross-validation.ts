/**
 * 4-fold cross-validation of a knowledge folder on its own phrasings: each entry's questions and
 * the out-of-scope examples are split into folds (answer sentences and tags always train). A
 * held-out question counts as right when it is answered with its entry, a held-out out-of-scope
 * example when it gets no-match. Uses no test file, so an admin (or a developer changing the
 * matcher) can compare variants without tuning on held-out data.
 *
 *   node --import tsx bench/kb-cross-validation.ts [--kb knowledge] [--no-out-of-scope] [--report N]
 *
 * `--report N` also lists the N weakest entries (out-of-fold questions answered right), the N most
 * frequent confusions and the out-of-scope examples that got an answer: where an admin should add
 * phrasings or examples next.
 */
import { AnswerMatcher } from '../src/knowledge/answer-matcher.ts';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-loader.ts';

const FOLDS = 4;
const kbArg = process.argv.indexOf('--kb');
const kb = await loadKnowledgeBase(kbArg > 0 ? (process.argv[kbArg + 1] ?? 'knowledge') : 'knowledge');
const withExamples = !process.argv.includes('--no-out-of-scope');
const reportArg = process.argv.indexOf('--report');
const report = reportArg > 0 ? Number(process.argv[reportArg + 1] ?? 10) : 0;
const perEntry = new Map<string, { right: number; total: number }>();
const confusions = new Map<string, number>();
const answeredExamples: string[] = [];
let answered = 0;
let top1 = 0;
let questions = 0;
let rejected = 0;
let examples = 0;
for (let fold = 0; fold < FOLDS; fold += 1) {
  const trained = (_: unknown, i: number): boolean => i % FOLDS !== fold;
  const entries = kb.entries.map((entry) => ({ ...entry, questions: entry.questions.filter(trained) }));
  const matcher = AnswerMatcher.build(entries, {}, undefined, withExamples ? kb.outOfScope.filter(trained) : []);
  for (const entry of kb.entries) {
    if (!entry.enabled) continue;
    entry.questions.forEach((question, i) => {
      if (trained(question, i)) return;
      questions += 1;
      const result = matcher.match(question);
      const predicted = result.kind === 'no-match' ? '(no match)' : (result.candidates[0]?.entry.id ?? '(no match)');
      const tally = perEntry.get(entry.id) ?? { right: 0, total: 0 };
      tally.total += 1;
      if (predicted === entry.id) {
        answered += 1;
        tally.right += 1;
      } else {
        const key = `${entry.id} -> ${predicted}`;
        confusions.set(key, (confusions.get(key) ?? 0) + 1);
      }
      perEntry.set(entry.id, tally);
      if (matcher.rank(question, 1)[0]?.entry.id === entry.id) top1 += 1;
    });
  }
  kb.outOfScope.forEach((example, i) => {
    if (trained(example, i)) return;
    examples += 1;
    const result = matcher.match(example);
    if (result.kind === 'no-match') rejected += 1;
    else answeredExamples.push(`${JSON.stringify(example)} -> ${result.candidates[0]?.entry.id ?? '?'}`);
  });
  process.stderr.write(`fold ${fold + 1}/${FOLDS} done\n`);
}
const f3 = (x: number): string => x.toFixed(3);
console.log(`${withExamples ? 'with' : 'without'} out-of-scope examples: questions ${questions}, in-scope accuracy ${f3(answered / questions)}, top-1 ${f3(top1 / questions)}; out-of-scope examples ${examples}, recall ${examples === 0 ? 'n/a' : f3(rejected / examples)}`);
if (report > 0) {
  const weakest = [...perEntry].map(([id, t]) => ({ id, ...t, share: t.right / t.total })).sort((a, b) => a.share - b.share || a.id.localeCompare(b.id));
  console.log(`\nweakest entries (out-of-fold questions answered with the entry):`);
  for (const w of weakest.slice(0, report)) console.log(`  ${w.id}: ${w.right}/${w.total}`);
  console.log(`\nmost frequent confusions (entry -> what was answered):`);
  for (const [key, n] of [...confusions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, report)) console.log(`  ${key}: ${n}`);
  if (withExamples) {
    console.log(`\nout-of-scope examples that got an answer (${answeredExamples.length}):`);
    for (const line of answeredExamples) console.log(`  ${line}`);
  }
}
