// Language detection (issue 17): how often an English customer message is taken for another
// language (the bot would then answer "I only speak English"), on text none of the detector's
// thresholds were written from, plus the detection rate on the tests' foreign messages.
//   node --import tsx bench/language.bench.ts        (in `npm run bench`; writes bench/out/language.md)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLabelledCsv } from '../src/knowledge/evaluation/labelled-csv.ts';
import { loadKnowledgeBase } from '../src/knowledge/files/knowledge.loader.ts';
import { detectLanguage } from '../src/language/language-detector.ts';
import { FOREIGN_MESSAGES } from '../test/language/foreign-messages.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATASETS = process.env.ANSWERDESK_DATASETS ?? path.resolve(ROOT, '../shared/datasets');

interface Row {
  readonly set: string;
  readonly n: number;
  readonly checked: number;
  readonly flagged: number;
  readonly examples: string[];
}

function englishRow(set: string, texts: readonly string[]): Row {
  let checked = 0;
  const examples: string[] = [];
  let flagged = 0;
  for (const text of texts) {
    const guess = detectLanguage(text);
    if (guess.kind === 'undetermined' && guess.reason === 'too-short') continue;
    checked += 1;
    if (guess.kind === 'detected' && guess.language !== 'en') {
      flagged += 1;
      if (examples.length < 3) examples.push(`${guess.language}: ${text}`);
    }
  }
  return { set, n: texts.length, checked, flagged, examples };
}

function nluTexts(file: string): string[] {
  const corpus = JSON.parse(fs.readFileSync(file, 'utf8')) as { sentences: Array<{ text: string }> };
  return corpus.sentences.map((s) => s.text);
}

const kb = await loadKnowledgeBase(path.join(ROOT, 'knowledge'));
const english: Row[] = [
  englishRow(
    'BANKING77 test.csv',
    (await readLabelledCsv(path.join(DATASETS, 'banking77/test.csv'))).map((r) => r.text),
  ),
  englishRow(
    'BANKING77 train.csv',
    (await readLabelledCsv(path.join(DATASETS, 'banking77/train.csv'))).map((r) => r.text),
  ),
  ...['AskUbuntuCorpus', 'ChatbotCorpus', 'WebApplicationsCorpus'].map((name) =>
    englishRow(`NLU ${name}`, nluTexts(path.join(DATASETS, 'nlu-evaluation-corpora', `${name}.json`))),
  ),
  englishRow(
    'sample knowledge questions',
    kb.entries.flatMap((e) => e.questions),
  ),
  englishRow(
    'sample held-out file',
    (await readLabelledCsv(path.join(ROOT, 'bench/data/sample-heldout.csv'))).map((r) => r.text),
  ),
];

const foreign = Object.entries(FOREIGN_MESSAGES).map(([language, texts]) => {
  const guesses = texts.map((t) => detectLanguage(t));
  const right = guesses.filter((g) => g.kind === 'detected' && g.language === language).length;
  const wrong = guesses.filter((g) => g.kind === 'detected' && g.language !== language).length;
  return { language, n: texts.length, right, wrong };
});

const lines = [
  '## Language detection (tinyld behind `detectLanguage`)',
  '',
  `Run ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores. English texts the product never tuned on (the datasets) and the sample knowledge: "checked" = long enough to be judged (4+ words); "flagged" = taken for another language, which would get the other-language reply.`,
  '',
  '| English set | texts | checked | flagged as another language | examples |',
  '|---|---|---|---|---|',
  ...english.map(
    (r) =>
      `| ${r.set} | ${r.n} | ${r.checked} | ${r.flagged} | ${r.examples.map((e) => e.replace(/\|/g, '\\|')).join('; ')} |`,
  ),
  '',
  'Foreign support messages (`test/language/foreign-messages.ts`, written for the tests; the thresholds were set on them, so this rate is optimistic):',
  '',
  '| language | messages | detected right | detected wrong |',
  '|---|---|---|---|',
  ...foreign.map((f) => `| ${f.language} | ${f.n} | ${f.right} | ${f.wrong} |`),
];
fs.mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/out/language.md'), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
