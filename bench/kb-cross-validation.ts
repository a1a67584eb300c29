/**
 * 4-fold cross-validation of a knowledge folder on its own phrasings: each entry's questions and
 * the out-of-scope examples are split into folds (answer sentences and tags always train). A
 * held-out question counts as right when it is answered with its entry, a held-out out-of-scope
 * example when it gets no-match. Uses no test file, so an admin (or a developer changing the
 * matcher) can compare variants without tuning on held-out data.
 *
 *   node --import tsx bench/kb-cross-validation.ts [--kb knowledge] [--no-out-of-scope]
 */
import { AnswerMatcher } from '../src/knowledge/answer-matcher.ts';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-loader.ts';

const FOLDS = 4;
const kbArg = process.argv.indexOf('--kb');
const kb = await loadKnowledgeBase(kbArg > 0 ? (process.argv[kbArg + 1] ?? 'knowledge') : 'knowledge');
const withExamples = !process.argv.includes('--no-out-of-scope');
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
      if (result.kind !== 'no-match' && result.candidates[0]?.entry.id === entry.id) answered += 1;
      if (matcher.rank(question, 1)[0]?.entry.id === entry.id) top1 += 1;
    });
  }
  kb.outOfScope.forEach((example, i) => {
    if (trained(example, i)) return;
    examples += 1;
    if (matcher.match(example).kind === 'no-match') rejected += 1;
  });
  process.stderr.write(`fold ${fold + 1}/${FOLDS} done\n`);
}
const f3 = (x: number): string => x.toFixed(3);
console.log(`${withExamples ? 'with' : 'without'} out-of-scope examples: questions ${questions}, in-scope accuracy ${f3(answered / questions)}, top-1 ${f3(top1 / questions)}; out-of-scope examples ${examples}, recall ${examples === 0 ? 'n/a' : f3(rejected / examples)}`);
