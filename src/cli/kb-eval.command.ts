import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { KnowledgeEntry } from '../knowledge/knowledge-entry.ts';
import { loadKnowledgeBase } from '../knowledge/knowledge-loader.ts';
import { readLabelledCsv } from '../knowledge/labelled-csv.ts';
import { entriesFromLabelledTexts } from '../knowledge/labelled-knowledge.ts';
import { chooseUnseenIntents, evaluateMatcher, type EvaluatedRow, type EvaluationReport } from '../knowledge/match-evaluation.ts';
import { ValidationError } from '../shared/app-error.ts';
import { KbProgress } from './kb-progress.ts';

interface EvalOptions {
  kb?: string;
  train?: string;
  test: string;
  noneLabel?: string;
  unseenIntents?: string;
  seed: string;
  predictions?: string;
  json?: boolean;
  threshold?: string;
}

const HELP_NOTES = `
Scoring:
  A test row is out of scope when its category is the --none-label or one of the
  --unseen-intents; the right outcome for it is no-match. For every other row the
  right outcome is its category. An "ambiguous" outcome counts as a prediction of
  its top candidate. accuracy counts every row; inScopeAccuracy only in-scope rows;
  oosPrecision/oosRecall treat no-match as the prediction "out of scope".
  CSV files have the header text,category (RFC 4180 quoting).

Examples:
  answerdesk kb eval --train train.csv --test test.csv
  answerdesk kb eval --train train.csv --test test.csv --unseen-intents 10 --seed 1 --json
  answerdesk kb eval --kb ./knowledge --test heldout.csv --none-label none --predictions out.csv`;

/**
 * `answerdesk kb eval`: measures matching quality and speed on a labelled test file, against the
 * knowledge folder or an in-memory knowledge base made from a training CSV.
 */
export function registerKbEvalCommand(kb: Command): void {
  kb.command('eval')
    .description('Measure matching accuracy, out-of-scope detection and speed on a labelled CSV')
    .option('--kb <dir>', 'knowledge folder to evaluate (default ./knowledge unless --train is given)')
    .option('--train <file>', 'train on this text,category CSV instead of a knowledge folder (one entry per category)')
    .requiredOption('--test <file>', 'text,category CSV to evaluate on')
    .option('--none-label <label>', 'test rows with this category are out of scope (never trained); no-match predicts it')
    .option('--unseen-intents <n>', 'leave N randomly chosen categories out of training; their rows become out of scope')
    .option('--seed <s>', 'seed for choosing the unseen intents', '1')
    .option('--predictions <file>', 'write text,expected,predicted,confidence CSV here')
    .option('--threshold <x>', 'override the matcher threshold (0..1)')
    .option('--json', 'print one JSON object with the figures')
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
  if (opts.unseenIntents !== undefined && !/^\d+$/.test(opts.unseenIntents)) problems.push(`--unseen-intents must be a whole number, got ${opts.unseenIntents}`);
  if (!/^-?\d+$/.test(opts.seed)) problems.push(`--seed must be a whole number, got ${opts.seed}`);
  if (opts.threshold !== undefined) {
    const t = Number(opts.threshold);
    if (!(t >= 0 && t <= 1)) problems.push(`--threshold must be in [0, 1], got ${opts.threshold}`);
  }
  return problems;
}

async function runEval(opts: EvalOptions, progress: KbProgress): Promise<void> {
  const testRows = await readLabelledCsv(opts.test);
  let entries: KnowledgeEntry[];
  let outOfScope: readonly string[] = [];
  let unseen = new Set<string>();
  const none = opts.noneLabel;
  if (opts.train !== undefined) {
    const trainRows = (await readLabelledCsv(opts.train)).filter((r) => r.category !== none);
    unseen = chooseUnseenIntents(trainRows.map((r) => r.category), Number(opts.unseenIntents ?? 0), Number(opts.seed));
    entries = entriesFromLabelledTexts(trainRows, unseen);
  } else {
    const knowledge = await loadKnowledgeBase(opts.kb ?? './knowledge');
    const all = knowledge.entries.filter((e) => e.id !== none);
    outOfScope = knowledge.outOfScope;
    unseen = chooseUnseenIntents(all.map((e) => e.id), Number(opts.unseenIntents ?? 0), Number(opts.seed));
    entries = all.filter((e) => !unseen.has(e.id));
  }
  // Loaded on use, so other subcommands start without the matcher and natural.
  const { AnswerMatcher } = await import('../knowledge/answer-matcher.ts');
  const started = performance.now();
  const matcher = AnswerMatcher.build(
    entries,
    opts.threshold === undefined ? {} : { threshold: Number(opts.threshold) },
    (done, total) => progress.update('training', done, total),
    outOfScope,
  );
  const buildMs = performance.now() - started;
  const { report, rows } = evaluateMatcher(matcher, testRows, { ...(none === undefined ? {} : { noneLabel: none }), unseen }, (done, total) =>
    progress.update('matching', done, total),
  );
  progress.stop();
  const rssMB = process.resourceUsage().maxRSS / 1024;
  if (opts.predictions !== undefined) await writeFile(opts.predictions, predictionsCsv(rows));
  if (opts.json === true) {
    const { n, accuracy, macroF1, inScopeAccuracy, oosPrecision, oosRecall, p50Ms, p99Ms } = report;
    const json = { n, accuracy, macroF1, inScopeAccuracy, oosPrecision, oosRecall, buildMs, p50Ms, p99Ms, rssMB };
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return;
  }
  process.stdout.write(formatReport(report, { entries: entries.length, unseen: unseen.size, buildMs, rssMB, threshold: matcher.options.threshold }));
}

const pct = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

function formatReport(r: EvaluationReport, extra: { entries: number; unseen: number; buildMs: number; rssMB: number; threshold: number }): string {
  const lines = [
    `test rows:           ${r.n}`,
    `entries trained:     ${extra.entries}${extra.unseen > 0 ? ` (${extra.unseen} intents held out as unseen)` : ''}`,
    `threshold:           ${extra.threshold}`,
    `accuracy:            ${pct(r.accuracy)}`,
    `macro-F1:            ${pct(r.macroF1)}`,
    `in-scope accuracy:   ${pct(r.inScopeAccuracy)}`,
  ];
  if (r.oosRecall !== null) lines.push(`out-of-scope:        precision ${pct(r.oosPrecision)}, recall ${pct(r.oosRecall)}`);
  lines.push(
    `build:               ${Math.round(extra.buildMs)} ms`,
    `match latency:       p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms`,
    `peak RSS:            ${Math.round(extra.rssMB)} MB`,
    '',
    'worst categories (F1, recall, n):',
    ...r.worstCategories.map((c) => `  ${pct(c.f1).padStart(6)}  ${pct(c.recall).padStart(6)}  ${String(c.n).padStart(4)}  ${c.category || '(none)'}`),
    '',
    'most frequent confusions (count, expected -> predicted):',
    ...r.confusions.map((c) => `  ${String(c.count).padStart(4)}  ${c.expected || '(none)'} -> ${c.predicted || '(no-match)'}`),
  );
  return `${lines.join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function predictionsCsv(rows: readonly EvaluatedRow[]): string {
  const lines = rows.map((r) => [r.text, r.expected, r.predicted, r.confidence.toFixed(4)].map(csvField).join(','));
  return `text,expected,predicted,confidence\r\n${lines.join('\r\n')}\r\n`;
}
