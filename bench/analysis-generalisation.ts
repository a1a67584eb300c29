// Sections of bench/analysis.bench.ts about how the analysis holds up outside its own data:
// sentiment against message length (before: the score per word; after: the normalised
// comparative, in the same run) and the complaint detector on bench/data/complaints-realworld.csv
// and on BANKING77's ordinary questions.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { MessageAnalyzer } from '../src/analysis/message-analyzer.ts';
import { detectPersonRequest } from '../src/chat/person-request.ts';
import type { SentimentAnalyzer } from '../src/sentiment/sentiment-analyzer.ts';

export const REALWORLD_FILE = 'bench/data/complaints-realworld.csv';
export const BANKING77_TEST = '/work/shared/datasets/banking77/test.csv';
/** The escalation thresholds before (−0.5 on the score per word) and after (−0.75 on the normalised comparative). */
const OLD_THRESHOLD = -0.5;
const NEW_THRESHOLD = -0.75;
const BUCKETS = [
  { name: '1–5 words', max: 5 },
  { name: '6–12 words', max: 12 },
  { name: '13–25 words', max: 25 },
  { name: '26+ words', max: Number.POSITIVE_INFINITY },
] as const;

const pct = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '-');
const wordCount = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

interface Sentence {
  readonly text: string;
  readonly positive: boolean;
}

/** Mean sentiment and share that would escalate, per length bucket, per-word score against the normalised comparative. */
export function sentimentLengthSection(sentiment: SentimentAnalyzer, sentences: readonly Sentence[]): string[] {
  const out = [
    `### Sentiment against message length: the ${sentences.filter((s) => !s.positive).length} negative labelled sentences, before (score per word) and after (normalised comparative), same run`,
    '',
    'A length-robust score gives long and short negative sentences about the same mean and the same share past the escalation threshold; per word, short ones swing far more negative.',
    '',
    '| length | sentences | mean score per word (before) | mean comparative (after) | below −0.5 per word (before) | below −0.75 comparative (after) |',
    '|---|---|---|---|---|---|',
  ];
  const negatives = sentences.filter((s) => !s.positive);
  let low = 0;
  for (const bucket of BUCKETS) {
    const rows = negatives.filter((s) => {
      const n = wordCount(s.text);
      return n > low && n <= bucket.max;
    });
    low = bucket.max;
    let perWord = 0;
    let normalised = 0;
    let oldEscalated = 0;
    let newEscalated = 0;
    for (const row of rows) {
      const result = sentiment.analyze(row.text);
      const old = result.score / Math.max(1, wordCount(row.text));
      perWord += old;
      normalised += result.comparative;
      if (old < OLD_THRESHOLD) oldEscalated += 1;
      if (result.comparative < NEW_THRESHOLD) newEscalated += 1;
    }
    const n = Math.max(1, rows.length);
    out.push(
      `| ${bucket.name} | ${rows.length} | ${pct(perWord / n)} | ${pct(normalised / n)} | ${pct(oldEscalated / n)} | ${pct(newEscalated / n)} |`,
    );
  }
  out.push('');
  return out;
}

interface RealworldRow {
  readonly text: string;
  readonly category: string;
  readonly domain: string;
  readonly kind: string;
}

async function readCsv<T>(file: string): Promise<T[]> {
  return parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as T[];
}

/** Precision and recall on the real-world-style set, by kind, and the share of BANKING77 questions flagged. */
export async function complaintGeneralisationSection(
  analyzer: MessageAnalyzer,
  sentiment: SentimentAnalyzer,
): Promise<string[]> {
  const rows = await readCsv<RealworldRow>(REALWORLD_FILE);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let categoryRight = 0;
  const byKind = new Map<string, { flagged: number; total: number }>();
  for (const row of rows) {
    const complaint = analyzer.analyze(row.text).complaint;
    const truth = row.category !== 'none';
    if (complaint.isComplaint && truth) tp += 1;
    else if (complaint.isComplaint) fp += 1;
    else if (truth) fn += 1;
    if (complaint.isComplaint && complaint.category === row.category) categoryRight += 1;
    const tally = byKind.get(row.kind) ?? { flagged: 0, total: 0 };
    tally.total += 1;
    if (complaint.isComplaint) tally.flagged += 1;
    byKind.set(row.kind, tally);
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  const complaints = rows.filter((r) => r.category !== 'none').length;
  const domains = new Set(rows.map((r) => r.domain)).size;

  const banking = await readCsv<{ text: string }>(BANKING77_TEST);
  let flagged = 0;
  let escalatedOld = 0;
  let escalatedNew = 0;
  // Ordinary banking questions the bot would take for a request for a person (a handoff with no "shall I?").
  let personRequests = 0;
  for (const row of banking) {
    if (analyzer.analyze(row.text).complaint.isComplaint) flagged += 1;
    if (detectPersonRequest(row.text) !== null) personRequests += 1;
    const result = sentiment.analyze(row.text);
    if (result.score / Math.max(1, wordCount(row.text)) < OLD_THRESHOLD) escalatedOld += 1;
    if (result.comparative < NEW_THRESHOLD) escalatedNew += 1;
  }

  const out = [
    `### Complaints on \`${REALWORLD_FILE}\` (${rows.length} messages, ${complaints} complaints, ${domains} kinds of service; written apart from the training examples, see its .md)`,
    '',
    '| metric | value | target |',
    '|---|---|---|',
    `| complaint precision | **${pct(precision)}** (${tp} TP, ${fp} FP) | > 0.7 |`,
    `| complaint recall | **${pct(recall)}** (${fn} FN) | > 0.7 |`,
    `| complaint F1 | ${pct(f1)} | |`,
    `| category right, of the true complaints | ${pct(categoryRight / Math.max(1, complaints))} (${categoryRight}/${complaints}) | |`,
    `| BANKING77 test questions flagged as complaints | ${pct(flagged / banking.length)} (${flagged}/${banking.length}) | low |`,
    `| BANKING77 test questions taken for a request for a person | ${pct(personRequests / banking.length)} (${personRequests}/${banking.length}) | low |`,
    `| BANKING77 test questions past the sentiment escalation threshold, before (−0.5 per word) | ${pct(escalatedOld / banking.length)} | |`,
    `| BANKING77 test questions past the sentiment escalation threshold, after (−0.75 comparative) | ${pct(escalatedNew / banking.length)} | |`,
    '',
    '| kind | messages | flagged as complaints |',
    '|---|---|---|',
    ...[...byKind]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, t]) => `| ${kind} | ${t.total} | ${pct(t.flagged / t.total)} (${t.flagged}) |`),
    '',
  ];
  return out;
}
