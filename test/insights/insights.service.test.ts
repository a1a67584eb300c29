import { describe, expect, it } from 'vitest';
import type { MissReason } from '../../src/insights/suggestion.ts';
import { anAdmin, fixtureInsightsEachTest, type StoredQuestion, storeQuestions } from './insights-fixture.ts';

describe('InsightsService', () => {
  const t = fixtureInsightsEachTest();

  const reasonCases: Array<[MissReason, StoredQuestion]> = [
    ['no-match', { text: 'do you sell gift vouchers', matchKind: 'no-match', confidence: 0.12 }],
    ['low-confidence', { text: 'do you sell gift vouchers', matchKind: 'answer', entryId: 'refund', confidence: 0.3 }],
    ['near-tie', { text: 'do you sell gift vouchers', matchKind: 'ambiguous', entryId: 'refund', confidence: 0.45 }],
    ['none-of-these', { text: 'do you sell gift vouchers', matchKind: 'ambiguous', confidence: 0.45, noneOfThese: 1 }],
    ['unhelpful', { text: 'do you sell gift vouchers', matchKind: 'answer', confidence: 0.8, helpful: 0 }],
    [
      'handoff-after-answer',
      { text: 'do you sell gift vouchers', matchKind: 'answer', confidence: 0.8, handoffAfterAnswer: 1 },
    ],
    [
      'chosen',
      { text: 'do you sell gift vouchers', matchKind: 'ambiguous', confidence: 0.45, chosenEntryId: 'refund' },
    ],
    ['no-match', { text: 'do you sell gift vouchers', kind: null, matchKind: 'no-match', confidence: 0.1 }],
  ];

  it.each(reasonCases)('collects a question missed by %s', async (reason, question) => {
    await storeQuestions(t.db, [question]);
    const [suggestion] = await t.insights.suggestions();
    expect(suggestion?.reasons).toContain(reason);
    expect(suggestion?.count).toBe(1);
  });

  const notMisses: Array<[string, StoredQuestion]> = [
    ['a confident answer', { text: 'where is my order', matchKind: 'answer', entryId: 'track-order', confidence: 0.9 }],
    ['a helpful answer', { text: 'where is my order', matchKind: 'answer', confidence: 0.9, helpful: 1 }],
    ['a reply to a prompt', { text: 'no thanks', kind: 'prompt-reply', matchKind: null }],
    ['a message to an agent', { text: 'my order number is 42', kind: 'to-agent', matchKind: null }],
    ['a button press', { text: 'Refund', kind: 'button', matchKind: null }],
    ['an old row without a match', { text: 'hello', kind: null, matchKind: null }],
  ];

  it.each(notMisses)('ignores %s', async (_, question) => {
    await storeQuestions(t.db, [question]);
    expect(await t.insights.suggestions()).toEqual([]);
  });

  it('hides a phrasing once it is accepted or dismissed, and only that phrasing', async () => {
    const admin = await anAdmin(t.db);
    await storeQuestions(t.db, [
      { text: 'Do you sell gift vouchers?' },
      { text: 'do you sell gift vouchers' },
      { text: 'can I buy a gift card' },
    ]);
    const before = await t.insights.suggestions();
    expect(before.reduce((n, s) => n + s.count, 0)).toBe(3);
    // The two spellings are one phrasing, shown as the first customer wrote it.
    const vouchers = before.find((s) => s.phrasings.some((p) => p.count === 2));
    expect(vouchers?.phrasings).toContainEqual({ text: 'Do you sell gift vouchers?', count: 2 });
    await t.insights.recordDecision({
      suggestionId: vouchers?.id ?? '',
      decision: 'dismissed',
      phrasings: ['DO YOU SELL GIFT VOUCHERS'],
      entryId: null,
      outOfScope: false,
      actorAgentId: admin,
    });
    const after = await t.insights.suggestions();
    expect(after.flatMap((s) => s.phrasings.map((p) => p.text))).toEqual(['can I buy a gift card']);
  });
});
