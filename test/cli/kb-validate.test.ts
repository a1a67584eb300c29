import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.ts';
import { lines, removeKnowledgeDir, simpleFaq, writeKnowledgeDir } from '../helpers/knowledge-fixture.ts';

describe('answerdesk kb validate', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map(removeKnowledgeDir));
  });

  async function knowledgeDir(files: Record<string, string | null>): Promise<string> {
    const dir = await writeKnowledgeDir(files);
    dirs.push(dir);
    return dir;
  }

  it('prints the entry and file counts and exits 0 for a valid folder', async () => {
    const dir = await knowledgeDir({
      'faq/a.yaml': simpleFaq('first', 'second'),
      'faq/more/b.yml': simpleFaq('third'),
    });
    const result = await runCli(['kb', 'validate', dir]);
    // 2 FAQ files, responses.yaml and the 4 sentiment and complaint files.
    expect(result.stdout).toBe('OK: 3 entries in 7 files\n');
    expect(result.status).toBe(0);
  });

  it('uses the singular for one entry', async () => {
    const dir = await knowledgeDir({ 'faq/a.yaml': simpleFaq('only') });
    expect((await runCli(['kb', 'validate', dir])).stdout).toBe('OK: 1 entry in 6 files\n');
  });

  it('prints every problem, one per line, then the count to stderr, and exits 1', async () => {
    const dir = await knowledgeDir({
      'faq/a.yaml': lines('entries:', '  - id: first', '    title: ""', '    questions: []', '    answer: x'),
      'responses.yaml': null,
    });
    const result = await runCli(['kb', 'validate', dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `${path.join(dir, 'faq/a.yaml')}:3:5: entries[0].title: must not be empty`,
      `${path.join(dir, 'faq/a.yaml')}:4:5: entries[0].questions: must have at least 1 item`,
      `${path.join(dir, 'responses.yaml')}: file not found; it holds the bot's wording (see knowledge/README.md)`,
      '3 problems found',
      '',
    ]);
  });

  it('checks the sentiment lexicon and the complaint files too, naming file, line and column', async () => {
    const dir = await knowledgeDir({
      'faq/a.yaml': simpleFaq('first'),
      'sentiment/lexicon.yaml': lines('words:', '  awful: 12', 'phrases:', '  slow: -2'),
      'complaints/severity-cues.yaml': lines('severity:', '  panic: [help]'),
      'complaints/examples/more.yaml': lines('examples:', '  - { text: "late again", category: lost_parcel }'),
    });
    const result = await runCli(['kb', 'validate', dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const at = (file: string): string => path.join(dir, file);
    expect(result.stderr.split('\n')).toEqual([
      `${at('complaints/examples/more.yaml')}:2:27: examples[0].category: must be one of delivery, damaged_product, refund_return, billing_payment, account_technical, staff_service, other, none`,
      `${at('complaints/severity-cues.yaml')}:2:3: severity.panic: unknown field (allowed fields: safety_hazard, legal_threat, fraud, chargeback, churn_threat, repeated_contact)`,
      `${at('sentiment/lexicon.yaml')}:2:3: words.awful: score must be a number from -5 to 5`,
      `${at('sentiment/lexicon.yaml')}:4:3: phrases.slow: must be two or more words, without punctuation or emoji`,
      '4 problems found',
      '',
    ]);
  });

  it('checks ./knowledge when no folder is given', async () => {
    // Run from test/fixtures, whose ./knowledge is the tests' own (the shipped one is the smoke test's).
    const result = await runCli(['kb', 'validate'], {}, undefined, path.join(REPO_ROOT, 'test/fixtures'));
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^OK: \d+ entries and \d+ out-of-scope examples in \d+ files\n$/);
    expect(result.status).toBe(0);
  });
});
