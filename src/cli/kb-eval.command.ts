import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { knowledgeFolds, MAX_FOLDS } from '../knowledge/evaluation/cross-validation-folds.ts';
import type { LabelledText } from '../knowledge/evaluation/labelled-csv.ts';
import { readLabelledCsv } from '../knowledge/evaluation/labelled-csv.ts';
import { entriesFromLabelledTexts } from '../knowledge/evaluation/labelled-knowledge.ts';
import {
  chooseUnseenIntents,
  type EvaluatedRow,
  type EvaluationReport,
  evaluateMatcher,
  summariseEvaluation,
  type ThresholdFigures,
  thresholdSweep,
} from '../knowledge/evaluation/match-evaluation.ts';
import { loadKnowledgeBase } from '../knowledge/files/knowledge.loader.ts';
import type { KnowledgeEntry } from '../knowledge/knowledge-entry.ts';
import { ValidationError } from '../shared/app.error.ts';
import { KbProgress } from './kb-progress.ts';

interface EvalOptions {
  kb?: string;
  train?: string;
  test?: string;
  folds?: string;
  noneLabel?: string;
  unseenIntents?: string;
  seed: string;
  predictions?: string;
  json?: boolean;
  threshold?: string;
  sweep?: string | true;
}

const DEFAULT_SWEEP = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

const HELP_NOTES = `
Scoring:
  A test row is out of scope when its category is the --none-label or one of the
  --unseen-intents; the right outcome for it is no-match. For every other row the
  right outcome is its category. An "ambiguous" outcome counts as a prediction of
  its top candidate. accuracy counts every row; inScopeAccuracy only in-scope rows;
  oosPrecision/oosRecall treat no-match as the prediction "out of scope".
  CSV files have the header text,category (RFC 4180 quoting).
  With --train, rows of the --none-label are not dropped: they become the matcher's
  out-of-scope examples (what knowledge/out-of-scope.yaml is to a knowledge folder),
  so the bot learns from them what not to answer.

Cross-validation (--folds K instead of --test):
  No test file needed: question i of every entry (and out-of-scope example i of
  knowledge/out-of-scope.yaml) is tested in fold i mod K by a matcher trained on
  everything else, so each is tested once by a matcher that never saw it. Titles,
  tags and answers always train. Out-of-scope examples count as out-of-scope rows
  (the right outcome is no-match). build is the mean per fold. Use it to find the
  weakest entries and the confusions, then add phrasings or examples there.

Threshold sweep (--sweep [list]):
  Also prints accuracy, in-scope accuracy and out-of-scope precision/recall at
  each threshold (default 0.1,0.2,...,0.9), from the same run: the bot answers
  exactly when its best candidate's confidence reaches the threshold. Pick the
  threshold that keeps enough in-scope accuracy while catching the out-of-scope
  messages you need, and set MATCH_THRESHOLD to it.

Examples:
  answerdesk kb eval --train train.csv --test test.csv
  answerdesk kb eval --train train.csv --test test.csv --unseen-intents 10 --sweep
  answerdesk kb eval --train train.csv --test test.csv --unseen-intents 10 --seed 1 --json
  answerdesk kb eval --kb ./knowledge --test heldout.csv --none-label none --predictions out.csv
  answerdesk kb eval --kb ./knowledge --folds 4`;

/**
 * `answerdesk kb eval`: measures matching quality and speed on a labelled test file, against the
 * knowledge folder or an in-memory knowledge base made from a training CSV.
 */
export function registerKbEvalCommand(kb: Command): void {
  kb.command('eval')
    .description(
      'Measure matching accuracy, out-of-scope detection and speed on a labelled CSV, or by cross-validation',
    )
    .option('--kb <dir>', 'knowledge folder to evaluate (default ./knowledge unless --train is given)')
    .option('--train <file>', 'train on this text,category CSV instead of a knowledge folder (one entry per category)')
    .option('--test <file>', 'text,category CSV to evaluate on')
    .option(
      '--folds <k>',
      `cross-validate on the knowledge's own questions in K folds (2..${MAX_FOLDS}) instead of --test`,
    )
    .option(
      '--none-label <label>',
      'rows with this category are out of scope: no entry is trained for it and no-match predicts it (--train rows with it become out-of-scope examples)',
    )
    .option(
      '--unseen-intents <n>',
      'leave N randomly chosen categories out of training; their rows become out of scope',
    )
    .option('--seed <s>', 'seed for choosing the unseen intents', '1')
    .option('--predictions <file>', 'write text,expected,predicted,confidence CSV here')
    .option('--threshold <x>', 'override the matcher threshold (0..1)')
    .option(
      '--sweep [thresholds]',
      'also report the figures at each of these comma-separated thresholds (default 0.1,...,0.9)',
    )
    .option('--json', 'print one JSON object with the figures (and "sweep" with --sweep)')
    .addHelpText('after', HELP_NOTES)
    .action(async (opts: EvalOptions) => {
      const problems = checkOptions(opts);
      if (problems.length > 0) throw new ValidationError('Invalid options for kb eval', problems);
      const progress = new KbProgress();
      try {
        await runEval(opts, progress);
      } finally {
        progress.stop();
      }
    });
}

function checkOptions(opts: EvalOptions): string[] {
  const problems: string[] = [];
  if (opts.kb !== undefined && opts.train !== undefined) problems.push('give either --kb or --train, not both');
  if (opts.test === undefined && opts.folds === undefined)
    problems.push('give --test FILE.csv, or --folds K to cross-validate without a test file');
  if (opts.test !== undefined && opts.folds !== undefined) problems.push('give either --test or --folds, not both');
  if (
    opts.folds !== undefined &&
    !(/^\d+$/.test(opts.folds) && Number(opts.folds) >= 2 && Number(opts.folds) <= MAX_FOLDS)
  ) {
    problems.push(`--folds must be a whole number from 2 to ${MAX_FOLDS}, got ${opts.folds}`);
  }
  if (opts.unseenIntents !== undefined && !/^\d+$/.test(opts.unseenIntents))
    problems.push(`--unseen-intents must be a whole number, got ${opts.unseenIntents}`);
  if (!/^-?\d+$/.test(opts.seed)) problems.push(`--seed must be a whole number, got ${opts.seed}`);
  if (opts.threshold !== undefined) {
    const t = Number(opts.threshold);
    if (!(t >= 0 && t <= 1)) problems.push(`--threshold must be in [0, 1], got ${opts.threshold}`);
  }
  if (typeof opts.sweep === 'string') {
    const bad = opts.sweep.split(',').filter((t) => !(t.trim() !== '' && Number(t) >= 0 && Number(t) <= 1));
    if (bad.length > 0)
      problems.push(`--sweep takes comma-separated thresholds in [0, 1], got ${JSON.stringify(opts.sweep)}`);
  }
  return problems;
}

function sweepThresholds(opts: EvalOptions): number[] | null {
  if (opts.sweep === undefined) return null;
  return opts.sweep === true ? DEFAULT_SWEEP : opts.sweep.split(',').map(Number);
}

async function runEval(opts: EvalOptions, progress: KbProgress): Promise<void> {
  // The served options (MATCH_*), so the figures are those of the bot customers talk to.
  const served = loadConfig(process.env).match;
  const none = opts.noneLabel;
  const folds = opts.folds === undefined ? 0 : Number(opts.folds);
  // Read the test file first, so a bad path fails before any training.
  const testRows = opts.test === undefined ? [] : await readLabelledCsv(opts.test);
  let all: KnowledgeEntry[];
  let outOfScope: readonly string[] = [];
  if (opts.train !== undefined) {
    const trainRows = await readLabelledCsv(opts.train);
    all = entriesFromLabelledTexts(trainRows.filter((r) => r.category !== none));
    // Training rows with the none label are what knowledge/out-of-scope.yaml is to a knowledge folder.
    outOfScope = none === undefined ? [] : trainRows.filter((r) => r.category === none).map((r) => r.text);
  } else {
    const knowledge = await loadKnowledgeBase(opts.kb ?? './knowledge');
    all = knowledge.entries.filter((e) => e.id !== none);
    outOfScope = knowledge.outOfScope;
  }
  const unseen = chooseUnseenIntents(
    all.map((e) => e.id),
    Number(opts.unseenIntents ?? 0),
    Number(opts.seed),
  );
  const runs: { entries: KnowledgeEntry[]; outOfScope: readonly string[]; test: readonly LabelledText[] }[] =
    folds === 0
      ? [{ entries: all.filter((e) => !unseen.has(e.id)), outOfScope, test: testRows }]
      : knowledgeFolds(all, outOfScope, folds, { unseen, outOfScopeLabel: none ?? '' });
  // Out-of-scope examples (cross-validation) carry the none label, or '' without one; CSV rows never have an empty category.
  const scope = { noneLabel: none ?? '', unseen };
  // Loaded on use, so other subcommands start without the matcher and natural.
  const { AnswerMatcher } = await import('../knowledge/matching/answer-matcher.ts');
  const rows: EvaluatedRow[] = [];
  const latencies: number[] = [];
  let buildMs = 0;
  let threshold = 0;
  for (const [k, run] of runs.entries()) {
    const phase = runs.length === 1 ? '' : `fold ${k + 1}/${runs.length} `;
    const started = performance.now();
    const matcher = AnswerMatcher.build({
      entries: run.entries,
      outOfScope: run.outOfScope,
      options: opts.threshold === undefined ? served : { ...served, threshold: Number(opts.threshold) },
      onProgress: (done, total) => progress.update(`${phase}training`, done, total),
    });
    buildMs += (performance.now() - started) / runs.length;
    threshold = matcher.options.threshold;
    const evaluated = evaluateMatcher(matcher, run.test, scope, (done, total) =>
      progress.update(`${phase}matching`, done, total),
    );
    rows.push(...evaluated.rows);
    latencies.push(...evaluated.latencies);
  }
  const report = summariseEvaluation(rows, latencies, scope.noneLabel);
  const thresholds = sweepThresholds(opts);
  const sweep = thresholds === null ? null : thresholdSweep(rows, thresholds, scope.noneLabel);
  progress.stop();
  const rssMB = process.resourceUsage().maxRSS / 1024;
  if (opts.predictions !== undefined) await writeFile(opts.predictions, predictionsCsv(rows));
  if (opts.json === true) {
    const { n, accuracy, macroF1, inScopeAccuracy, oosPrecision, oosRecall, p50Ms, p99Ms } = report;
    const json = {
      n,
      accuracy,
      macroF1,
      inScopeAccuracy,
      oosPrecision,
      oosRecall,
      buildMs,
      p50Ms,
      p99Ms,
      rssMB,
      ...(sweep === null ? {} : { sweep }),
    };
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return;
  }
  const entries = runs[0]?.entries.length ?? 0;
  process.stdout.write(formatReport(report, { entries, unseen: unseen.size, folds, buildMs, rssMB, threshold }));
  if (sweep !== null) process.stdout.write(formatSweep(sweep, threshold));
}

const pct = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

function formatReport(
  r: EvaluationReport,
  extra: { entries: number; unseen: number; folds: number; buildMs: number; rssMB: number; threshold: number },
): string {
  const lines = [
    `test rows:           ${r.n}${extra.folds > 0 ? ` (${extra.folds}-fold cross-validation: each question and out-of-scope example once)` : ''}`,
    `entries trained:     ${extra.entries}${extra.unseen > 0 ? ` (${extra.unseen} intents held out as unseen)` : ''}`,
    `threshold:           ${extra.threshold}`,
    `accuracy:            ${pct(r.accuracy)}`,
    `macro-F1:            ${pct(r.macroF1)}`,
    `in-scope accuracy:   ${pct(r.inScopeAccuracy)}`,
  ];
  if (r.oosRecall !== null)
    lines.push(`out-of-scope:        precision ${pct(r.oosPrecision)}, recall ${pct(r.oosRecall)}`);
  lines.push(
    `build:               ${Math.round(extra.buildMs)} ms${extra.folds > 0 ? ' (mean per fold)' : ''}`,
    `match latency:       p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms`,
    `peak RSS:            ${Math.round(extra.rssMB)} MB`,
    '',
    'worst categories (F1, recall, n):',
    ...r.worstCategories.map(
      (c) =>
        `  ${pct(c.f1).padStart(6)}  ${pct(c.recall).padStart(6)}  ${String(c.n).padStart(4)}  ${c.category || '(none)'}`,
    ),
    '',
    'most frequent confusions (count, expected -> predicted):',
    ...r.confusions.map(
      (c) => `  ${String(c.count).padStart(4)}  ${c.expected || '(none)'} -> ${c.predicted || '(no-match)'}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function formatSweep(sweep: readonly ThresholdFigures[], current: number): string {
  const lines = [
    '',
    'threshold sweep (same run; * = the threshold used above):',
    '  threshold  accuracy  in-scope  oos precision  oos recall',
    ...sweep.map(
      (s) =>
        `  ${`${s.threshold}${s.threshold === current ? '*' : ''}`.padEnd(9)}  ${pct(s.accuracy).padStart(8)}  ${pct(s.inScopeAccuracy).padStart(8)}  ${pct(s.oosPrecision).padStart(13)}  ${pct(s.oosRecall).padStart(10)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function predictionsCsv(rows: readonly EvaluatedRow[]): string {
  const lines = rows.map((r) => [r.text, r.expected, r.predicted, r.confidence.toFixed(4)].map(csvField).join(','));
  return `text,expected,predicted,confidence\r\n${lines.join('\r\n')}\r\n`;
}
