import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeValidationError } from '../src/knowledge/files/knowledge-validation.error.ts';
import { lines } from './helpers/knowledge-fixture.ts';
import { type RunningApp, startApp } from './helpers/running-app.ts';
import { writeSmallKnowledge } from './helpers/small-knowledge.ts';
import { makeTempDir } from './helpers/test-config.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('createApp', () => {
  it('reloads matcher and analyzer together from the whole knowledge folder, and keeps both on a bad lexicon', async () => {
    const knowledge = makeTempDir('answerdesk-app-kb-');
    cleanups.push(knowledge.cleanup);
    await writeSmallKnowledge(knowledge.dir);
    const running: RunningApp = await startApp({ KNOWLEDGE_DIR: knowledge.dir });
    cleanups.push(() => running.stop());
    const store = running.app.knowledge;
    const score = (text: string): number => store.current().analyzer.analyze(text).sentiment.score;
    expect(score('this is grotty')).toBe(0);

    await writeFile(
      path.join(knowledge.dir, 'sentiment/lexicon.yaml'),
      lines('words:', '  useless: -3', '  grotty: -2'),
    );
    expect((await store.reload()).kind).toBe('swapped');
    expect(score('this is grotty')).toBe(-2);
    expect(store.current().matcher.match('question about track-order')).toMatchObject({ kind: 'answer' });
    const good = store.current();

    await writeFile(path.join(knowledge.dir, 'sentiment/lexicon.yaml'), lines('words:', '  grotty: 12'));
    const failed = await store.reload();
    expect(failed.kind).toBe('failed');
    expect(failed.kind === 'failed' ? failed.error : null).toBeInstanceOf(KnowledgeValidationError);
    expect(store.current()).toBe(good);
  });
});
