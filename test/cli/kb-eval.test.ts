import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const TRAIN = 'test/fixtures/intents-train.csv';
const TEST = 'test/fixtures/intents-test.csv';
const KEYS = ['n', 'accuracy', 'macroF1', 'inScopeAccuracy', 'oosPrecision', 'oosRecall', 'buildMs', 'p50Ms', 'p99Ms', 'rssMB'];

describe('answerdesk kb eval', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-eval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object with every figure when given --json', () => {
    const { status, stdout, stderr } = runCli(['kb', 'eval', '--train', TRAIN, '--test', TEST, '--none-label', 'none', '--json']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Record<string, number | null>;
    expect(Object.keys(report).sort()).toEqual([...KEYS].sort());
    expect(report.n).toBe(4);
    expect(report.inScopeAccuracy).toBe(1);
    expect(report.oosRecall).toBe(1);
    expect(report.accuracy).toBe(1);
  });

  it('reports null out-of-scope figures when there is no out-of-scope row', () => {
    const { status, stdout } = runCli(['kb', 'eval', '--train', TRAIN, '--test', TRAIN, '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Record<string, number | null>;
    expect(report.oosPrecision).toBeNull();
    expect(report.oosRecall).toBeNull();
    expect(report.n).toBe(12);
  });

  it('writes text,expected,predicted,confidence with --predictions, the none label for no-match', () => {
    const out = path.join(dir, 'predictions.csv');
    const { status } = runCli(['kb', 'eval', '--train', TRAIN, '--test', TEST, '--none-label', 'none', '--predictions', out, '--json']);
    expect(status).toBe(0);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(['text', 'expected', 'predicted', 'confidence']);
    expect(rows.map((r) => [r.text, r.expected, r.predicted])).toEqual([
      ['forgot password, help', 'password', 'password'],
      ['where is my package', 'tracking', 'tracking'],
      ['when do I get my refund?', 'refund', 'refund'],
      ['what is the weather like on mars', 'none', 'none'],
    ]);
    for (const row of rows) expect(Number(row.confidence)).toBeGreaterThanOrEqual(0);
  });

  it('makes held-out intents out of scope with --unseen-intents', () => {
    const { status, stdout } = runCli(['kb', 'eval', '--train', TRAIN, '--test', TEST, '--unseen-intents', '1', '--seed', '3', '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Record<string, number | null>;
    expect(report.oosRecall).not.toBeNull();
  });

  it('prints a readable report without --json', () => {
    const { status, stdout } = runCli(['kb', 'eval', '--train', TRAIN, '--test', TEST, '--none-label', 'none']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/accuracy:\s+100\.0%/);
    expect(stdout).toContain('most frequent confusions');
  });

  it('rejects --kb together with --train', () => {
    const { status, stderr } = runCli(['kb', 'eval', '--kb', 'knowledge', '--train', TRAIN, '--test', TEST]);
    expect(status).toBe(1);
    expect(stderr).toContain('either --kb or --train');
  });

  it('names the file and the problem for a CSV without the text,category header', () => {
    const { status, stderr } = runCli(['kb', 'eval', '--train', TRAIN, '--test', 'package.json']);
    expect(status).toBe(1);
    expect(stderr).toContain('package.json');
  });
});
