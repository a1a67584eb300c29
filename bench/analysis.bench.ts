// Measures the sentiment and complaint services in one run and writes bench/out/analysis.md.
//   node --import tsx bench/analysis.bench.ts [--compare-natural]
// --compare-natural also compares the complaint classifier's two stages with natural's own
// classifiers (bench/natural-complaint-stages.ts); its LogisticRegressionClassifier trains for minutes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// natural (through dotenv) prints tips on import unless told to be quiet; set before importing it.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { parse } = await import('csv-parse/sync');
const { default: Sentiment } = await import('sentiment');
const { default: vader } = await import('vader-sentiment');
const { MessageAnalyzer } = await import('../src/analysis/message-analyzer.ts');
const { SentimentAnalyzer } = await import('../src/sentiment/sentiment-analyzer.ts');
const { loadSentimentLexicon } = await import('../src/sentiment/sentiment-lexicon.loader.ts');
const { COMPLAINT_CATEGORIES, EXAMPLE_LABELS, NOT_A_COMPLAINT, isExampleLabel } = await import(
  '../src/complaints/complaint-category.ts'
);
const { complaintGeneralisationSection, sentimentLengthSection } = await import('./analysis-generalisation.ts');

const DATASET_DIR = '/work/shared/datasets/sentiment-labelled-sentences';
const DATASET_FILES = {
  amazon: 'amazon_cells_labelled.txt',
  yelp: 'yelp_labelled.txt',
  imdb: 'imdb_labelled.txt',
} as const;
const HELDOUT_FILE = 'bench/data/complaints-heldout.csv';
const KNOWLEDGE_DIR = 'knowledge';
const OUT_FILE = 'bench/out/analysis.md';
const TIMING_ROUNDS = 20;

type Polarity = -1 | 0 | 1;
interface LabelledSentence {
  readonly text: string;
  readonly positive: boolean;
  readonly source: keyof typeof DATASET_FILES;
}

const lines: string[] = [];
const out = (line = ''): void => void lines.push(line);
const pct = (x: number): string => x.toFixed(3);

// ---------------------------------------------------------------- sentiment
async function readDataset(): Promise<LabelledSentence[]> {
  const rows: LabelledSentence[] = [];
  for (const [source, file] of Object.entries(DATASET_FILES) as [keyof typeof DATASET_FILES, string][]) {
    for (const line of (await readFile(join(DATASET_DIR, file), 'utf8')).split('\n')) {
      const match = /^(.*)\t\s*([01])\s*$/.exec(line);
      if (match?.[1] !== undefined) rows.push({ text: match[1].trim(), positive: match[2] === '1', source });
    }
  }
  return rows;
}

const lexicon = await loadSentimentLexicon(join(KNOWLEDGE_DIR, 'sentiment', 'lexicon.yaml'));
const ours = SentimentAnalyzer.create(lexicon);
const oursAfinnOnly = SentimentAnalyzer.create();
const plain = new Sentiment();
// Not Math.sign: natural loads sylvester, which replaces the global Math.sign with one that returns 1 for 0.
const direction = (x: number): Polarity => (x > 0 ? 1 : x < 0 ? -1 : 0);
const fromLabel = (label: string): Polarity => (label === 'positive' ? 1 : label === 'negative' ? -1 : 0);
const systems: readonly { name: string; polarity: (text: string) => Polarity }[] = [
  { name: '`sentiment` package (plain AFINN)', polarity: (t) => direction(plain.analyze(t).score) },
  {
    name: '`vader-sentiment` (compound ±0.05)',
    polarity: (t) => {
      const c = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
      return c >= 0.05 ? 1 : c <= -0.05 ? -1 : 0;
    },
  },
  { name: 'ours, AFINN only (no lexicon.yaml)', polarity: (t) => fromLabel(oursAfinnOnly.analyze(t).label) },
  { name: '**ours** (AFINN + lexicon.yaml)', polarity: (t) => fromLabel(ours.analyze(t).label) },
];

const dataset = await readDataset();
const sources = Object.keys(DATASET_FILES) as (keyof typeof DATASET_FILES)[];
out('## Analysis bench');
out();
out(`Run ${new Date().toISOString()}, Node ${process.version}.`);
out();
out(
  `### Sentiment: ${dataset.length} labelled sentences (${sources.join(', ')}); binary, a neutral answer counts as wrong`,
);
out();
out(`| system | accuracy | neutral answers | ${sources.join(' | ')} |`);
out(`|---|---|---|${sources.map(() => '---').join('|')}|`);
for (const system of systems) {
  const bySource = new Map(sources.map((s) => [s, { right: 0, total: 0 }]));
  let right = 0;
  let neutral = 0;
  for (const row of dataset) {
    const polarity = system.polarity(row.text);
    const correct = polarity === (row.positive ? 1 : -1);
    if (polarity === 0) neutral += 1;
    if (correct) right += 1;
    const tally = bySource.get(row.source);
    if (tally !== undefined) {
      tally.total += 1;
      if (correct) tally.right += 1;
    }
  }
  out(
    `| ${system.name} | ${pct(right / dataset.length)} | ${neutral} | ${sources
      .map((s) => {
        const t = bySource.get(s);
        return t === undefined ? '-' : pct(t.right / t.total);
      })
      .join(' | ')} |`,
  );
}
out();

for (const line of sentimentLengthSection(ours, dataset)) out(line);

// ---------------------------------------------------------------- complaints
interface HeldoutRow {
  readonly text: string;
  readonly label: (typeof EXAMPLE_LABELS)[number];
}
async function readHeldout(): Promise<HeldoutRow[]> {
  const records = parse(await readFile(HELDOUT_FILE, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return records.map((record, index) => {
    const label = record.category ?? '';
    if (!isExampleLabel(label) || record.text === undefined)
      throw new Error(`${HELDOUT_FILE}: row ${index + 2}: bad category "${label}"`);
    return { text: record.text, label };
  });
}

const heldout = await readHeldout();
const loadStarted = performance.now();
const analyzer = await MessageAnalyzer.load(KNOWLEDGE_DIR);
const loadMs = performance.now() - loadStarted;

function evaluateComplaints(
  analyze: (text: string) => { isComplaint: boolean; category: string | null; severity: string | null },
) {
  const confusion = new Map<string, Map<string, number>>();
  const severities = new Map<string, number>();
  let tp = 0,
    fp = 0,
    fn = 0,
    categoryRight = 0,
    categoryRightDetected = 0,
    complaints = 0;
  for (const row of heldout) {
    const result = analyze(row.text);
    const predicted = result.isComplaint ? (result.category ?? 'other') : NOT_A_COMPLAINT;
    const truthIsComplaint = row.label !== NOT_A_COMPLAINT;
    if (result.isComplaint && truthIsComplaint) tp += 1;
    else if (result.isComplaint) fp += 1;
    else if (truthIsComplaint) fn += 1;
    if (truthIsComplaint) {
      complaints += 1;
      if (predicted === row.label) categoryRight += 1;
    }
    if (truthIsComplaint && result.isComplaint && predicted === row.label) categoryRightDetected += 1;
    if (result.severity !== null) severities.set(result.severity, (severities.get(result.severity) ?? 0) + 1);
    const rowMap = confusion.get(row.label) ?? new Map<string, number>();
    rowMap.set(predicted, (rowMap.get(predicted) ?? 0) + 1);
    confusion.set(row.label, rowMap);
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  return { tp, fp, fn, precision, recall, f1, complaints, categoryRight, categoryRightDetected, confusion, severities };
}

const bayes = evaluateComplaints((t) => analyzer.analyze(t).complaint);
const counts = EXAMPLE_LABELS.map((label) => `${label} ${heldout.filter((r) => r.label === label).length}`).join(', ');
out(`### Complaints: held-out file \`${HELDOUT_FILE}\` (${heldout.length} rows: ${counts}); never used for training`);
out();
out('| metric | value |');
out('|---|---|');
out(`| complaint precision | ${pct(bayes.precision)} (${bayes.tp} TP, ${bayes.fp} FP) |`);
out(`| complaint recall | ${pct(bayes.recall)} (${bayes.fn} FN) |`);
out(`| **complaint F1** | **${pct(bayes.f1)}** |`);
out(
  `| **category accuracy on true complaints** (a missed complaint counts as wrong) | **${pct(bayes.categoryRight / bayes.complaints)}** (${bayes.categoryRight}/${bayes.complaints}) |`,
);
out(
  `| category accuracy on detected true complaints | ${pct(bayes.categoryRightDetected / Math.max(1, bayes.tp))} (${bayes.categoryRightDetected}/${bayes.tp}) |`,
);
out(
  `| severities given | ${['low', 'medium', 'high', 'critical'].map((s) => `${s} ${bayes.severities.get(s) ?? 0}`).join(', ')} |`,
);
out();
out('Confusion (rows: true label, columns: predicted; `none` = not a complaint):');
out();
const columns = [NOT_A_COMPLAINT, ...COMPLAINT_CATEGORIES];
out(`| true \\ predicted | ${columns.join(' | ')} |`);
out(`|---|${columns.map(() => '---').join('|')}|`);
for (const label of columns) {
  const rowMap = bayes.confusion.get(label);
  out(
    `| ${label} | ${columns
      .map((c) => {
        const n = rowMap?.get(c) ?? 0;
        return c === label ? `**${n}**` : String(n);
      })
      .join(' | ')} |`,
  );
}
out();

for (const line of await complaintGeneralisationSection(analyzer, ours)) out(line);

if (process.argv.includes('--compare-natural')) {
  const { loadAnalysisKnowledge } = await import('../src/analysis/analysis-knowledge.loader.ts');
  const { ComplaintClassifier } = await import('../src/complaints/complaint-classifier.ts');
  const { COMPLAINT_THRESHOLD } = await import('../src/complaints/complaint-analyzer.ts');
  const { ComplaintFeaturizer } = await import('../src/complaints/complaint-features.ts');
  const { trainNaturalComplaintStages } = await import('./natural-complaint-stages.ts');
  const knowledge = await loadAnalysisKnowledge(KNOWLEDGE_DIR);
  const sentiment = SentimentAnalyzer.create(knowledge.lexicon);
  const featurizer = new ComplaintFeaturizer(knowledge.complaints.topicCues);
  const featurize = (text: string) => featurizer.featurize(text, sentiment.analyze(text).label);
  const examples = knowledge.complaints.examples.map((e) => ({ features: featurize(e.text), label: e.label }));
  // Stages only (threshold on the detector, no serious-cue override, no severity), the same for every model.
  const stagesOnly =
    (stages: {
      complaintProbability(f: ReturnType<typeof featurize>): number;
      categorize(f: ReturnType<typeof featurize>): { category: string };
    }) =>
    (text: string) => {
      const features = featurize(text);
      const isComplaint = stages.complaintProbability(features) >= COMPLAINT_THRESHOLD && features.category.length > 0;
      return { isComplaint, category: isComplaint ? stages.categorize(features).category : null, severity: null };
    };
  out(
    "Complaint stages only (no serious-cue override), ours against `natural`'s own classifiers, same features and training examples:",
  );
  out();
  out('| detector + category stage | training | complaint F1 | category accuracy on true complaints |');
  out('|---|---|---|---|');
  for (const [name, train] of [
    ['**ours**: indexed Bayes + `CategorySoftmax`', () => ComplaintClassifier.train(examples)],
    ['`natural` Bayes + `natural` Bayes', () => trainNaturalComplaintStages(examples, 'bayes', 'bayes')],
    ['`natural` logistic + `natural` logistic', () => trainNaturalComplaintStages(examples, 'logistic', 'logistic')],
  ] as const) {
    const started = performance.now();
    const stages = train();
    const seconds = (performance.now() - started) / 1000;
    const result = evaluateComplaints(stagesOnly(stages));
    out(`| ${name} | ${seconds.toFixed(1)} s | ${pct(result.f1)} | ${pct(result.categoryRight / result.complaints)} |`);
  }
  out();
}

// ---------------------------------------------------------------- cost
const texts = heldout.map((r) => r.text);
for (const text of texts) analyzer.analyze(text);
const timings: number[] = [];
for (let round = 0; round < TIMING_ROUNDS; round += 1) {
  for (const text of texts) {
    const started = performance.now();
    analyzer.analyze(text);
    timings.push(performance.now() - started);
  }
}
timings.sort((a, b) => a - b);
const quantile = (q: number): number =>
  timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] ?? Number.NaN;
out(`### Cost (${timings.length} analyses: the held-out texts × ${TIMING_ROUNDS}, after one warm-up pass)`);
out();
out('| measure | value | target |');
out('|---|---|---|');
out(`| analysis p50 per message | ${quantile(0.5).toFixed(4)} ms | |`);
out(`| analysis p99 per message | ${quantile(0.99).toFixed(4)} ms | ≤ 0.5 ms |`);
out(`| analysis max | ${(timings[timings.length - 1] ?? Number.NaN).toFixed(3)} ms | |`);
out(`| classifier training at start-up | ${analyzer.trainingMs.toFixed(0)} ms | ≤ 2000 ms |`);
out(`| whole \`MessageAnalyzer.load\` (read + validate + train) | ${loadMs.toFixed(0)} ms | |`);
out();

const markdown = `${lines.join('\n')}\n`;
await mkdir('bench/out', { recursive: true });
await writeFile(OUT_FILE, markdown);
process.stdout.write(markdown);
