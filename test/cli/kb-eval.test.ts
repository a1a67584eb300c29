import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { lines, removeKnowledgeDir, writeKnowledgeDir } from '../helpers/knowledge-fixture.ts';

const FIXTURE_KNOWLEDGE = 'test/fixtures/knowledge';

const TRAIN = 'test/fixtures/intents-train.csv';
const TEST = 'test/fixtures/intents-test.csv';
/** The fixture's training and test files, "none" naming the out-of-scope label. */
const SCORED_ON_TEST = ['--train', TRAIN, '--test', TEST, '--none-label', 'none'] as const;
const KEYS = [
  'n',
  'accuracy',
  'macroF1',
  'inScopeAccuracy',
  'oosPrecision',
  'oosRecall',
  'buildMs',
  'p50Ms',
  'p99Ms',
  'rssMB',
];

/** `answerdesk kb eval` with `args`. */
const kbEval = (args: readonly string[]) => runCli(['kb', 'eval', ...args]);

// Each test spawns its own CLI on its own files: they overlap (see maxConcurrency in vitest.config.ts).
describe('answerdesk kb eval', { concurrent: true }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-eval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object with every figure when given --json', async () => {
    const { status, stdout, stderr } = await kbEval([...SCORED_ON_TEST, '--json']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Record<string, number | null>;
    expect(Object.keys(report).sort()).toEqual([...KEYS].sort());
    expect(report.n).toBe(4);
    expect(report.inScopeAccuracy).toBe(1);
    expect(report.oosRecall).toBe(1);
    expect(report.accuracy).toBe(1);
  });

  it('reports null out-of-scope figures when there is no out-of-scope row', async () => {
    const { status, stdout } = await kbEval(['--train', TRAIN, '--test', TRAIN, '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Record<string, number | null>;
    expect(report.oosPrecision).toBeNull();
    expect(report.oosRecall).toBeNull();
    expect(report.n).toBe(12);
  });

  it('writes text,expected,predicted,confidence with --predictions, the none label for no-match', async () => {
    const out = path.join(dir, 'predictions.csv');
    const { status } = await kbEval([...SCORED_ON_TEST, '--predictions', out, '--json']);
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

  describe('--none-label training rows (out-of-scope examples)', () => {
    const withNone = (): string => {
      const file = path.join(dir, 'train-with-none.csv');
      const extra = [
        'what is the weather like today,none',
        'is it going to rain on mars,none',
        'tell me a joke,none',
        'who won the football game,none',
      ];
      writeFileSync(file, `${readFileSync(TRAIN, 'utf8').trimEnd()}\n${extra.join('\n')}\n`);
      return file;
    };
    const confidenceOf = async (train: string, text: string): Promise<number> => {
      const out = path.join(dir, `pred-${path.basename(train)}`);
      const { status } = await kbEval([
        '--train',
        train,
        '--test',
        TEST,
        '--none-label',
        'none',
        '--predictions',
        out,
        '--json',
      ]);
      expect(status).toBe(0);
      const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
      return Number(rows.find((r) => r.text === text)?.confidence);
    };

    it('trains on them as out-of-scope examples: an off-topic message gets less confidence', async () => {
      const file = withNone();
      const without = await confidenceOf(TRAIN, 'what is the weather like on mars');
      const withExamples = await confidenceOf(file, 'what is the weather like on mars');
      expect(withExamples).toBeLessThan(without);
      // An in-scope message is still answered.
      expect(await confidenceOf(file, 'where is my package')).toBeGreaterThan(0.3);
    });

    it('tests them as out-of-scope rows in cross-validation instead of dropping them', async () => {
      const out = path.join(dir, 'folds-none.csv');
      const { status, stdout } = await kbEval([
        '--train',
        withNone(),
        '--folds',
        '4',
        '--none-label',
        'none',
        '--predictions',
        out,
        '--json',
      ]);
      expect(status).toBe(0);
      const report = JSON.parse(stdout) as Record<string, number | null>;
      expect(report.n).toBe(16);
      expect(report.oosRecall).not.toBeNull();
      const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
      expect(
        rows
          .filter((r) => r.expected === 'none')
          .map((r) => r.text)
          .sort(),
      ).toEqual([
        'is it going to rain on mars',
        'tell me a joke',
        'what is the weather like today',
        'who won the football game',
      ]);
    });
  });

  it('makes held-out intents out of scope with --unseen-intents', async () => {
    const { status, stdout } = await kbEval([
      '--train',
      TRAIN,
      '--test',
      TEST,
      '--unseen-intents',
      '1',
      '--seed',
      '3',
      '--json',
    ]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Record<string, number | null>;
    expect(report.oosRecall).not.toBeNull();
  });

  it('prints a readable report without --json', async () => {
    const { status, stdout } = await kbEval(SCORED_ON_TEST);
    expect(status).toBe(0);
    expect(stdout).toMatch(/accuracy:\s+100\.0%/);
    expect(stdout).toContain('most frequent confusions');
  });

  it('rejects --kb together with --train', async () => {
    const { status, stderr } = await kbEval(['--kb', FIXTURE_KNOWLEDGE, '--train', TRAIN, '--test', TEST]);
    expect(status).toBe(1);
    expect(stderr).toContain('either --kb or --train');
  });

  it('names the file and the problem for a CSV without the text,category header', async () => {
    const { status, stderr } = await kbEval(['--train', TRAIN, '--test', 'package.json']);
    expect(status).toBe(1);
    expect(stderr).toContain('package.json');
  });

  describe('--sweep', () => {
    it('adds the figures at each threshold to the JSON, the default threshold agreeing with the headline figures', async () => {
      const { status, stdout } = await kbEval([...SCORED_ON_TEST, '--sweep', '0,0.4,0.95', '--json']);
      expect(status).toBe(0);
      const report = JSON.parse(stdout) as Record<string, unknown> & { sweep: Record<string, number | null>[] };
      expect(report.sweep.map((s) => s.threshold)).toEqual([0, 0.4, 0.95]);
      const [, atDefault] = report.sweep;
      expect(atDefault).toEqual({
        threshold: 0.4,
        accuracy: report.accuracy,
        inScopeAccuracy: report.inScopeAccuracy,
        oosPrecision: report.oosPrecision,
        oosRecall: report.oosRecall,
      });
      const recalls = report.sweep.map((s) => s.oosRecall as number);
      const inScope = report.sweep.map((s) => s.inScopeAccuracy as number);
      expect([...recalls].sort((a, b) => a - b)).toEqual(recalls);
      expect([...inScope].sort((a, b) => b - a)).toEqual(inScope);
    });

    it('prints a table over 0.1 to 0.9 by default, marking the threshold in use', async () => {
      const { status, stdout } = await kbEval([...SCORED_ON_TEST, '--sweep']);
      expect(status).toBe(0);
      expect(stdout).toContain('threshold sweep');
      expect(stdout).toMatch(/^ {2}0\.4\* /m);
      expect(stdout.match(/^ {2}0\.\d\*? +\d/gm)).toHaveLength(9);
    });

    it('rejects a threshold outside [0, 1]', async () => {
      const { status, stderr } = await kbEval(['--train', TRAIN, '--test', TEST, '--sweep', '0.2,1.5']);
      expect(status).toBe(1);
      expect(stderr).toContain('--sweep takes comma-separated thresholds in [0, 1], got "0.2,1.5"');
    });
  });

  describe('--folds (cross-validation without a test file)', () => {
    let kbDir = '';
    const QUESTIONS: Record<string, string[]> = {
      'reset-password': [
        'i forgot my password',
        'reset my password',
        'password reset link',
        'can not remember my password',
      ],
      'track-order': ['where is my order', 'track my package', 'order status', 'where is my parcel'],
      'refund-status': [
        'when will i get my refund',
        'refund not received',
        'how long does a refund take',
        'status of my refund',
      ],
    };
    const EXAMPLES = [
      'tell me a joke',
      'what is the weather in paris',
      'order me a pizza',
      'who won the football game',
    ];
    beforeAll(async () => {
      const entry = (id: string, questions: string[], enabled = true): string[] => [
        `  - id: ${id}`,
        `    title: Title of ${id}`,
        '    questions:',
        ...questions.map((q) => `      - ${q}`),
        `    answer: Answer about ${id}.`,
        ...(enabled ? [] : ['    enabled: false']),
      ];
      kbDir = await writeKnowledgeDir({
        'faq/support.yaml': lines(
          'entries:',
          ...Object.entries(QUESTIONS).flatMap(([id, questions]) => entry(id, questions)),
          ...entry('fax-order', ['can i fax my order', 'fax number for orders'], false),
        ),
        'out-of-scope.yaml': lines('examples:', ...EXAMPLES.map((e) => `  - ${e}`)),
      });
    });
    afterAll(() => removeKnowledgeDir(kbDir));

    it('tests every question of an enabled entry and every out-of-scope example once, never the switched-off entry', async () => {
      const out = path.join(dir, 'folds.csv');
      const { status, stdout, stderr } = await kbEval(['--kb', kbDir, '--folds', '2', '--predictions', out, '--json']);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const report = JSON.parse(stdout) as Record<string, number | null>;
      expect(Object.keys(report).sort()).toEqual([...KEYS].sort());
      expect(report.n).toBe(16);
      expect(report.oosRecall).not.toBeNull();
      const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => `${r.expected}|${r.text}`).sort()).toEqual(
        [
          ...Object.entries(QUESTIONS).flatMap(([id, qs]) => qs.map((q) => `${id}|${q}`)),
          ...EXAMPLES.map((e) => `|${e}`),
        ].sort(),
      );
    });

    it('cross-validates a training CSV the same way, one category per entry', async () => {
      const { status, stdout } = await kbEval(['--train', TRAIN, '--folds', '4', '--json']);
      expect(status).toBe(0);
      const report = JSON.parse(stdout) as Record<string, number | null>;
      expect(report.n).toBe(12);
      expect(report.oosRecall).toBeNull();
    });

    it('says so in the readable report', async () => {
      const { status, stdout } = await kbEval(['--kb', kbDir, '--folds', '2']);
      expect(status).toBe(0);
      expect(stdout).toContain('16 (2-fold cross-validation: each question and out-of-scope example once)');
      expect(stdout).toContain('(mean per fold)');
    });

    it.each([
      [['--kb', FIXTURE_KNOWLEDGE], 'give --test FILE.csv, or --folds K to cross-validate without a test file'],
      [['--train', TRAIN, '--test', TEST, '--folds', '2'], 'give either --test or --folds, not both'],
      [['--train', TRAIN, '--folds', '1'], '--folds must be a whole number from 2 to 20, got 1'],
      [['--train', TRAIN, '--folds', 'four'], '--folds must be a whole number from 2 to 20, got four'],
    ])('rejects %j', async (args, message) => {
      const { status, stderr } = await kbEval(args);
      expect(status).toBe(1);
      expect(stderr).toContain(message);
    });
  });
});
