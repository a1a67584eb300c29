import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import { expectTellsCalmFromAngry } from '../helpers/analyzer-check.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';

const temporaryDirs: string[] = [];

async function copyOfKnowledge(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'answerdesk-analysis-'));
  temporaryDirs.push(dir);
  await cp(join(FIXTURE_KNOWLEDGE_DIR, 'sentiment'), join(dir, 'sentiment'), { recursive: true });
  await cp(join(FIXTURE_KNOWLEDGE_DIR, 'complaints'), join(dir, 'complaints'), { recursive: true });
  return dir;
}

afterEach(async () => {
  await Promise.all(temporaryDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('MessageAnalyzer', () => {
  it('analyses sentiment and complaint of one message from the fixture knowledge', async () => {
    const analyzer = await MessageAnalyzer.load(FIXTURE_KNOWLEDGE_DIR);
    expectTellsCalmFromAngry(analyzer);
    expect(analyzer.trainingMs).toBeGreaterThan(0);
  });

  it('reports problems from the lexicon and the complaint files together, with locations', async () => {
    const dir = await copyOfKnowledge();
    await writeFile(join(dir, 'sentiment', 'lexicon.yaml'), 'words:\n  awful: 12\n');
    await writeFile(
      join(dir, 'complaints', 'examples', 'zz-broken.yaml'),
      'examples:\n  - { text: "x", category: lost_parcel }\n',
    );
    await writeFile(join(dir, 'complaints', 'severity-cues.yaml'), 'severity:\n  panic: [help]\n');
    const error = await MessageAnalyzer.load(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KnowledgeValidationError);
    const problems = (error as KnowledgeValidationError).problems;
    expect(problems).toHaveLength(3);
    expect(problems).toContain(
      `${join(dir, 'sentiment', 'lexicon.yaml')}:2:3: words.awful: score must be a number from -5 to 5`,
    );
    expect(problems.some((p) => p.startsWith(`${join(dir, 'complaints', 'examples', 'zz-broken.yaml')}:2:`))).toBe(
      true,
    );
    expect(
      problems.some((p) => p.startsWith(`${join(dir, 'complaints', 'severity-cues.yaml')}:2:3: severity.panic`)),
    ).toBe(true);
  });

  it('names a missing knowledge file in the error', async () => {
    const dir = await copyOfKnowledge();
    await rm(join(dir, 'complaints', 'topic-cues.yaml'));
    await rm(join(dir, 'sentiment', 'lexicon.yaml'));
    await expect(MessageAnalyzer.load(dir)).rejects.toMatchObject({
      // Sorted by file, as every knowledge problem list is.
      problems: [
        `${join(dir, 'complaints', 'topic-cues.yaml')}: file not found`,
        `${join(dir, 'sentiment', 'lexicon.yaml')}: file not found`,
      ],
    });
  });
});
