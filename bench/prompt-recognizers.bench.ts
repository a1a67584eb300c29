/**
 * What a choice prompt's number recognition costs per customer reply, in the culture the client
 * announces (`locale`) against the one answerdesk pins (`NUMBER_RECOGNITION_LOCALE`, see
 * dialogs/once-per-turn.prompt.ts): botbuilder's `recognizeChoices` with numbers and ordinals on,
 * as the rating prompt runs it, over the first questions of bench/data/sample-heldout.csv (replies
 * a customer types at a prompt instead of a rating). All of it runs on the event loop. Two passes
 * per culture in a fresh process: the first is what a server pays the first time it meets the
 * culture (V8 runs each regular expression interpreted until it compiles it), the second the
 * steady state.
 *
 * With `--warm-up`, the process first runs the warm-up the bot runs when it is built
 * (`warmPromptRecognizers`) and times it, then measures the pinned culture only: what the first
 * customers meet in a server that has started.
 *
 *   node --import tsx bench/prompt-recognizers.bench.ts [--questions=20] [--warm-up]
 */
import fs from 'node:fs';
import path from 'node:path';
import { recognizeChoices } from 'botbuilder-dialogs';
import { parse } from 'csv-parse/sync';
import { NUMBER_RECOGNITION_LOCALE, warmPromptRecognizers } from '../dialogs/once-per-turn.prompt.ts';

const count = Number(process.argv.find((a) => a.startsWith('--questions='))?.slice(12) ?? 20);
const root = path.resolve(import.meta.dirname, '..');
const questions = (
  parse(fs.readFileSync(path.join(root, 'bench/data/sample-heldout.csv')), { columns: true }) as Array<{ text: string }>
)
  .map((r) => r.text)
  .slice(0, count);
const choices = ['1', '2', '3', '4', '5'];
const warmUp = process.argv.includes('--warm-up');
let warmUpMs: number | undefined;
if (warmUp) {
  const started = performance.now();
  warmPromptRecognizers();
  warmUpMs = performance.now() - started;
}
const lines = [
  `## Choice prompt number recognition per reply (${questions.length} held-out questions, one process${
    warmUpMs === undefined ? '' : `, after the start-up warm-up, which took ${warmUpMs.toFixed(0)} ms`
  })`,
  '',
  '| culture | pass | total ms | mean ms | max ms | slowest reply |',
  '| --- | --- | ---: | ---: | ---: | --- |',
];
for (const locale of warmUp
  ? [NUMBER_RECOGNITION_LOCALE]
  : [NUMBER_RECOGNITION_LOCALE, 'de-de', 'es-es', 'pt-br', 'fr-fr']) {
  for (const pass of ['first', 'second']) {
    let total = 0;
    let max = 0;
    let slowest = '';
    for (const text of questions) {
      const started = performance.now();
      recognizeChoices(text, choices, { locale });
      const ms = performance.now() - started;
      total += ms;
      if (ms > max) [max, slowest] = [ms, text];
    }
    const name = `${locale}${locale === NUMBER_RECOGNITION_LOCALE ? ' (pinned)' : ''}`;
    lines.push(
      `| ${name} | ${pass} | ${total.toFixed(0)} | ${(total / questions.length).toFixed(1)} | ${max.toFixed(0)} | ${slowest.replaceAll('|', '/')} |`,
    );
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
