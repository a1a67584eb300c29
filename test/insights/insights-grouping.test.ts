import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsService } from '../../src/insights/insights.service.ts';
import type { Suggestion } from '../../src/insights/suggestion.ts';
import type { Db } from '../../src/store/database.ts';
import { freshDatabase } from '../helpers/test-database.ts';
import { fixtureInsights, storeQuestions } from './insights-fixture.ts';

/** Topics the shop's knowledge does not cover, each asked in several ways. */
const TOPICS: Record<string, readonly string[]> = {
  'gift vouchers': [
    'do you sell gift vouchers',
    'can I buy a gift voucher',
    'gift vouchers for sale?',
    'where can i get a gift voucher',
    'how much is a gift voucher',
    'Do you do gift vouchers for birthdays',
  ],
  'international delivery': [
    'international delivery to other countries?',
    'international delivery options?',
    'can you deliver to canada, is there international delivery',
    'how much is international delivery',
    'Do you offer international delivery',
  ],
  'loyalty points': [
    'how do loyalty points work',
    'how many loyalty points do i have',
    'can I spend my loyalty points',
    'loyalty points balance',
    'do my loyalty points expire',
  ],
  'student discount': [
    'is there a student discount',
    'do students get a discount',
    'student discount code please',
    'how do i get the student discount',
    'Student discount?',
  ],
};

describe('InsightsService grouping', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let insights: InsightsService;
  let suggestions: Suggestion[];

  const groupOf = (text: string): Suggestion | undefined =>
    suggestions.find((s) => s.phrasings.some((p) => p.text === text));

  beforeAll(async () => {
    ({ db, cleanup } = await freshDatabase());
    insights = await fixtureInsights(db);
    // Interleaved, one conversation per round, as customers would ask them over a day.
    const longest = Math.max(...Object.values(TOPICS).map((t) => t.length));
    for (let i = 0; i < longest; i += 1) {
      await storeQuestions(
        db,
        Object.values(TOPICS).flatMap((texts) => (texts[i] === undefined ? [] : [{ text: texts[i] as string }])),
      );
    }
    suggestions = await insights.suggestions();
  });
  afterAll(async () => cleanup());

  it.each(Object.entries(TOPICS))('puts the paraphrases about %s in one group', (_, texts) => {
    const ids = new Set(texts.map((text) => groupOf(text)?.id));
    expect(ids.size).toBe(1);
    expect(groupOf(texts[0] as string)?.count).toBe(texts.length);
  });

  it('keeps different topics in different groups', () => {
    const ids = Object.values(TOPICS).map((texts) => groupOf(texts[0] as string)?.id);
    expect(new Set(ids).size).toBe(Object.keys(TOPICS).length);
  });

  it('lists the largest group first', () => {
    const counts = suggestions.map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(suggestions[0]?.phrasings.map((p) => p.text)).toContain('do you sell gift vouchers');
  });

  it('gives a group the same id on every call, and when unrelated misses arrive', async () => {
    const before = new Map(Object.values(TOPICS).map((texts) => [texts[0], groupOf(texts[0] as string)?.id]));
    expect(new Set(before.values()).size).toBe(Object.keys(TOPICS).length);
    await storeQuestions(db, [{ text: 'can I pay with paypal' }, { text: 'paypal payment accepted?' }]);
    suggestions = await insights.suggestions();
    for (const [text, id] of before) expect(groupOf(text as string)?.id).toBe(id);
    expect(await insights.suggestion(before.get(TOPICS['loyalty points']?.[0]) ?? '')).toMatchObject({
      count: TOPICS['loyalty points']?.length,
    });
  });
});
