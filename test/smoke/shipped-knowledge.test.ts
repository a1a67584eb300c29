import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';
import { DEFAULT_HEALTH_SCORECARD } from '../../src/health/health-scorecard.ts';
import { loadKnowledgeFolder } from '../../src/training/knowledge-folder.loader.ts';
import { messageActivity, postJson } from '../helpers/activity.ts';
import { expectTellsCalmFromAngry } from '../helpers/analyzer-check.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const SHIPPED_KNOWLEDGE = path.join(REPO_ROOT, 'knowledge');

/**
 * The one test that reads the shipped `knowledge/` (every other test uses test/fixtures/knowledge):
 * the sample an admin starts from must validate, train and answer. It asserts shape, not the
 * sample's wording, so an admin's edit fails it only when the folder no longer works.
 */
describe('the shipped knowledge folder', () => {
  let server: RunningApp | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('validates, with its out-of-scope examples, and its sentiment and complaint files', async () => {
    const kb = await loadKnowledgeFolder(SHIPPED_KNOWLEDGE, { cwd: REPO_ROOT });
    expect(kb.entries.length).toBeGreaterThan(0);
    expect(kb.files).toContain('knowledge/responses.yaml');
    expect(kb.files).toContain('knowledge/out-of-scope.yaml');
    expect(kb.files).toContain('knowledge/sentiment/lexicon.yaml');
    expect(kb.files).toContain('knowledge/complaints/topic-cues.yaml');
    expect(kb.files).toContain('knowledge/health.yaml');
    // The defaults used without a health.yaml are the shipped file's values: deleting it changes nothing.
    expect(kb.health).toEqual(DEFAULT_HEALTH_SCORECARD);
    expect(kb.analysis.complaints.examples.length).toBeGreaterThan(0);
    expect(kb.outOfScope.length).toBeGreaterThan(0);
    expect(kb.outOfScope).toContain('Tell me a joke');

    const analyzer = await MessageAnalyzer.load(SHIPPED_KNOWLEDGE);
    expectTellsCalmFromAngry(analyzer);
  });

  // Trains the whole sample (matcher and analyzer) unless the shared cache has it: about 10 s on a
  // quiet 2-core machine, so it gets a budget of its own rather than running in a hook.
  it('answers questions through the real app on it', { timeout: 90_000 }, async () => {
    server = await startApp({ KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE });
    const kb = server.app.knowledge.snapshot().knowledgeBase;
    // The first phrasing of the first and the last entry, whatever the admin named them.
    const asked = [kb.entries[0], kb.entries.at(-1)].map((entry) => [entry?.questions[0] ?? '', entry?.id] as const);
    expect(asked.length).toBe(2);
    for (const [text, entryId] of asked) {
      const res = await postJson(
        `${server.url}/api/messages`,
        messageActivity(text, { deliveryMode: 'expectReplies', conversation: { id: `smoke-${entryId}` } }),
      );
      expect(res.status).toBe(200);
      const activities = (res.body as { activities: Array<{ text: string; channelData?: unknown }> }).activities;
      expect(activities[0]?.channelData).toEqual({ answerdesk: { entryId } });
      expect(activities[1]?.text).toBe(kb.responses.didThisHelp);
    }
  });
});
