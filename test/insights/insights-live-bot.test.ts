import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/database.ts';
import { botHarness } from '../helpers/bot-harness.ts';
import { freshDatabase } from '../helpers/test-database.ts';
import { fixtureInsights, fixtureMatcherAndKnowledge } from './insights-fixture.ts';

/** Questions the fixture knowledge does not cover; the real bot stores each as it answers it. */
const UNCOVERED = ['is there a student discount', 'student discount code please', 'do students get a discount'];

describe('InsightsService on what the real bot stored', () => {
  let db: Db;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ db, cleanup } = await freshDatabase());
  });
  afterEach(async () => cleanup());

  it('finds the questions the bot could not answer, and not the one it answered', async () => {
    const { kb, matcher } = await fixtureMatcherAndKnowledge();
    const { adapter } = botHarness(db, { kb, matchText: (text) => matcher.match(text) });
    for (const [i, text] of [...UNCOVERED, 'where is my order'].entries()) {
      await adapter.processActivity({
        type: 'message',
        text,
        conversation: { id: `live-${i}`, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: `customer-${i}`, name: 'customer', role: 'user' },
      });
    }
    const suggestions = await (await fixtureInsights(db)).suggestions();
    const texts = suggestions.flatMap((s) => s.phrasings.map((p) => p.text));
    expect(texts.sort()).toEqual([...UNCOVERED].sort());
    expect(suggestions.flatMap((s) => s.examples.map((e) => e.conversationId)).sort()).toEqual([
      'live-0',
      'live-1',
      'live-2',
    ]);
  });
});
