import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const FIXTURE = 'test/fixtures/analyze-input.txt';

/** Runs `answerdesk analyze` on the tests' knowledge unless `args` names a `--knowledge` folder. */
async function answerdesk(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const knowledge = args.includes('--knowledge') ? [] : ['--knowledge', 'test/fixtures/knowledge'];
  try {
    const { stdout, stderr } = await run('node', ['bin/answerdesk.js', ...args, ...knowledge], {
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

// Each test spawns its own CLI: they overlap (see maxConcurrency in vitest.config.ts).
describe('answerdesk analyze', { timeout: 60_000, concurrent: true }, () => {
  it('prints one JSON object per non-blank input line with the documented shape', async () => {
    const { stdout, code } = await answerdesk('analyze', '--json', '--file', FIXTURE);
    expect(code).toBe(0);
    const inputs = (await readFile(FIXTURE, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const outputs = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(outputs.map((o) => o.text)).toEqual(inputs);
    for (const output of outputs) {
      expect(Object.keys(output)).toEqual(['text', 'sentiment', 'complaint']);
      expect(output.sentiment).toEqual({
        score: expect.any(Number),
        comparative: expect.any(Number),
        label: expect.stringMatching(/^(positive|neutral|negative)$/),
      });
      expect(Object.keys(output.complaint as object)).toEqual(['isComplaint', 'category', 'severity', 'confidence']);
    }
    expect(outputs[0]).toMatchObject({
      sentiment: { label: 'neutral' },
      complaint: { isComplaint: false, category: null, severity: null },
    });
    expect(outputs[1]).toMatchObject({
      sentiment: { label: 'negative' },
      complaint: { isComplaint: true, category: 'delivery' },
    });
    expect(outputs[2]).toMatchObject({
      complaint: { isComplaint: true, category: 'damaged_product', severity: 'critical' },
    });
    expect(outputs[3]).toMatchObject({ sentiment: { label: 'positive' }, complaint: { isComplaint: false } });
  });

  it('prints a readable line per TEXT argument', async () => {
    const { stdout, code } = await answerdesk('analyze', 'where is my parcel?', 'You charged me twice!!');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^neutral .*no complaint .*where is my parcel\?$/);
    expect(lines[1]).toMatch(/^negative .*complaint billing_payment\/\w+ .*You charged me twice!!$/);
  });

  it.each([
    ['no input', ['analyze'], 'nothing to analyse'],
    ['both --file and TEXT', ['analyze', '--file', FIXTURE, 'hello'], 'not both'],
    [
      'a missing file',
      ['analyze', '--file', 'test/fixtures/no-such-file.txt'],
      'cannot read test/fixtures/no-such-file.txt',
    ],
    [
      'a knowledge directory without the files',
      ['analyze', '--knowledge', 'test/fixtures', 'hello'],
      'test/fixtures/sentiment/lexicon.yaml: file not found',
    ],
  ])('exits 1 with a message on stderr for %s', async (_name, args, message) => {
    const { stdout, stderr, code } = await answerdesk(...args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
