import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHealthScorecard, readHealthScorecard } from '../../src/health/health-scorecard.loader.ts';
import { DEFAULT_HEALTH_SCORECARD } from '../../src/health/health-scorecard.ts';
import { KnowledgeFileReader } from '../../src/knowledge/files/knowledge-file-reader.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import { loadKnowledgeFolder } from '../../src/training/knowledge-folder.loader.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { makeTempDir } from '../helpers/test-config.ts';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/knowledge');
const reader = new KnowledgeFileReader();

/** The fixture's scorecard text with `find` replaced by `replace` (each case names one line). */
async function edited(find: string, replace: string): Promise<string> {
  const text = await readFile(path.join(FIXTURE, 'health.yaml'), 'utf8');
  expect(text).toContain(find);
  return text.replace(find, replace);
}

/** The 1-based line of the fixture holding `find`. */
async function lineOf(find: string): Promise<number> {
  const text = await readFile(path.join(FIXTURE, 'health.yaml'), 'utf8');
  return text.split('\n').findIndex((line) => line.includes(find)) + 1;
}

describe('the health scorecard file', () => {
  it('reads the fixture to the same values as the defaults', async () => {
    const read = await readHealthScorecard(FIXTURE, reader);
    expect(read).toEqual({
      kind: 'valid',
      value: { scorecard: DEFAULT_HEALTH_SCORECARD, file: path.join(FIXTURE, 'health.yaml') },
    });
  });

  it.each<[string, string, string, string]>([
    [
      'a negative weight',
      'openTickets: { weight: 8,',
      'openTickets: { weight: -8,',
      'measures.openTickets.weight: must be >= 0',
    ],
    [
      'a weight that is text',
      'lowCsat: { weight: 15,',
      'lowCsat: { weight: lots,',
      'measures.lowCsat.weight: must be a number, but is text ("lots")',
    ],
    ['a window of 0 days', 'windowDays: 90', 'windowDays: 0', 'windowDays: must be >= 1'],
    [
      'a fractional window',
      'windowDays: 90',
      'windowDays: 7.5',
      'windowDays: must be a whole number, but is a number (7.5)',
    ],
    ['a misspelt measure', 'missingCsat: {', 'missingCSAT: {', 'measures.missingCSAT: '],
    ['a low rating of 5', 'maxRating: 2', 'maxRating: 5', 'measures.lowCsat.maxRating: must be <= 4'],
    ['green below yellow', 'green: 75', 'green: 40', 'bands.green: must be above bands.yellow (50)'],
    ['green equal to yellow', 'green: 75', 'green: 50', 'bands.green: must be above bands.yellow (50)'],
    [
      'a missing severity',
      '    critical: { weight: 20, max: 40 }\n',
      '',
      'measures.complaints.critical: is missing (this field is required)',
    ],
  ])('reports %s as file:line:column: field: message', async (_name, find, replace, expected) => {
    const checked = parseHealthScorecard('knowledge/health.yaml', await edited(find, replace), reader);
    expect(checked.kind).toBe('invalid');
    const problems = checked.kind === 'invalid' ? checked.problems : [];
    const error = new KnowledgeValidationError(problems);
    const lines = error.problems;
    for (const line of lines) expect(line).toMatch(/^knowledge\/health\.yaml:\d+:\d+: /);
    const found = error.details.find((_problem, index) => lines[index]?.includes(expected));
    expect(found, lines.join('\n')).toBeDefined();
    // The problem points at the edited line (a removed key: at the mapping that lacks it).
    if (replace !== '') expect(found?.line).toBe(await lineOf(find));
  });

  describe('in a knowledge folder', () => {
    let dir: string;
    let cleanup: () => void;
    beforeAll(async () => {
      ({ dir, cleanup } = makeTempDir());
      await copyFolder(FIXTURE, dir);
    });
    afterAll(() => cleanup());

    it('is optional: without it the folder loads with the default scorecard', async () => {
      await rm(path.join(dir, 'health.yaml'));
      const folder = await loadKnowledgeFolder(dir, { cwd: dir });
      expect(folder.health).toEqual(DEFAULT_HEALTH_SCORECARD);
      expect(folder.files).not.toContain('health.yaml');
    });

    it('is loaded with the folder, its values and its name in files', async () => {
      await writeFile(path.join(dir, 'health.yaml'), await edited('windowDays: 90', 'windowDays: 30'));
      const folder = await loadKnowledgeFolder(dir, { cwd: dir });
      expect(folder.health.windowDays).toBe(30);
      expect(folder.files).toContain('health.yaml');
    });

    it('fails the whole folder with the problem at its line', async () => {
      await writeFile(path.join(dir, 'health.yaml'), await edited('yellow: 50', 'yellow: "half"'));
      const failure = await loadKnowledgeFolder(dir, { cwd: dir }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(KnowledgeValidationError);
      expect((failure as KnowledgeValidationError).problems).toEqual([
        `health.yaml:${await lineOf('yellow: 50')}:3: bands.yellow: must be a whole number, but is text ("half")`,
      ]);
    });
  });
});

async function copyFolder(from: string, to: string): Promise<void> {
  const { cp } = await import('node:fs/promises');
  await mkdir(to, { recursive: true });
  await cp(from, to, { recursive: true });
}
