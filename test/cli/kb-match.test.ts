import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { removeKnowledgeDir, simpleFaq, writeKnowledgeDir } from '../helpers/knowledge-fixture.ts';
import { makeTempDir } from '../helpers/test-config.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('answerdesk kb match', () => {
  it('trains on first use, then loads the cached matcher for unchanged knowledge, with the same answer', async () => {
    const kb = await writeKnowledgeDir({ 'faq/a.yaml': simpleFaq('refunds', 'shipping', 'passwords') });
    cleanups.push(() => removeKnowledgeDir(kb));
    const cache = makeTempDir('answerdesk-cache-');
    cleanups.push(cache.cleanup);
    const run = async () => {
      const result = await runCli([
        'kb',
        'match',
        'question about shiping',
        '--kb',
        kb,
        '--cache',
        cache.dir,
        '--json',
      ]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    };

    const first = await run();
    const second = await run();

    expect(first.matcherSource).toBe('trained');
    expect(second.matcherSource).toBe('cache');
    expect({ ...second, matcherSource: null }).toEqual({ ...first, matcherSource: null });
    expect(first.candidates).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'shipping' })]));
  });

  it('decides with the served MATCH_* options, as the server would', async () => {
    const kb = await writeKnowledgeDir({ 'faq/a.yaml': simpleFaq('refunds', 'shipping') });
    cleanups.push(() => removeKnowledgeDir(kb));
    const match = async (env: Record<string, string>) => {
      const result = await runCli(['kb', 'match', 'question about shipping', '--kb', kb, '--no-cache', '--json'], env);
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as { threshold: number; ambiguityMargin: number; kind: string };
    };

    expect(await match({})).toMatchObject({ threshold: 0.4, ambiguityMargin: 0.1 });
    expect(await match({ MATCH_THRESHOLD: '1', MATCH_AMBIGUITY_MARGIN: '0.25' })).toMatchObject({
      threshold: 1,
      ambiguityMargin: 0.25,
      kind: 'no-match',
    });
  });
});
