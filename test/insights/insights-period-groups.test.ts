import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../src/insights/suggestion.ts';
import { anAdmin, fixtureInsightsEachTest, type StoredQuestion, storeQuestions } from './insights-fixture.ts';

/** Conversations of misses: spellings of one phrasing, repeats, ties of wordings, every reason. */
const CONVERSATIONS: StoredQuestion[][] = [
  [{ text: 'Do you sell gift vouchers?' }, { text: 'do you sell gift vouchers' }],
  [{ text: 'do you sell gift vouchers' }, { text: 'can I buy a gift card', matchKind: 'ambiguous', confidence: 0.45 }],
  [{ text: 'where is my parcel', matchKind: 'answer', entryId: 'track-order', confidence: 0.8, helpful: 0 }],
  [{ text: 'Where is my parcel?', matchKind: 'answer', confidence: 0.8, handoffAfterAnswer: 1 }],
  [
    { text: 'can I pay with bitcoin' },
    { text: 'can i pay with bitcoin', chosenEntryId: 'refund', matchKind: 'ambiguous' },
  ],
  [{ text: 'do you ship to the moon', matchKind: 'ambiguous', confidence: 0.45, noneOfThese: 1 }],
  [{ text: 'my refund is late', matchKind: 'answer', entryId: 'refund', confidence: 0.3 }],
  [{ text: '   padded wording   ' }, { text: 'padded wording' }, { text: 'PADDED wording!' }],
  [{ text: 'where is my order', matchKind: 'answer', entryId: 'track-order', confidence: 0.9 }],
];

/** A suggestion reduced to what `groupsBetween` gives. */
const summary = (s: Suggestion) => ({
  id: s.id,
  count: s.count,
  reasons: s.reasons,
  phrasings: s.phrasings,
  firstSeen: s.firstSeen,
});

describe("InsightsService.groupsBetween (the report's top unanswered groups)", () => {
  const t = fixtureInsightsEachTest();

  const times = async () =>
    (await t.db.selectFrom('messages').select(['id', 'created_at']).orderBy('id').execute()).map((r) => r.created_at);

  it('groups a period holding every miss exactly as the inbox does: same groups, sizes, reasons, wordings, order', async () => {
    for (const questions of CONVERSATIONS) await storeQuestions(t.db, questions);
    const inbox = await t.insights.suggestions();
    expect(inbox.length).toBeGreaterThanOrEqual(4);
    const all = await times();
    const end = new Date(Date.parse(all[all.length - 1] ?? '') + 1).toISOString();
    expect(await t.insights.groupsBetween(all[0] ?? '', end)).toEqual(inbox.map(summary));
  });

  it.each([
    ['the first half', 0, 7],
    ['the middle', 3, 9],
    ['one message', 5, 6],
    ['the second half', 7, 15],
  ])(
    'counts only the misses asked in the period (%s), as the inbox would with only those stored',
    async (_, first, last) => {
      for (const questions of CONVERSATIONS) await storeQuestions(t.db, questions);
      const all = await times();
      const from = all[first] ?? '';
      const to = all[last] ?? new Date(Date.parse(all[all.length - 1] ?? '') + 1).toISOString();
      const inPeriod = await t.insights.groupsBetween(from, to);
      // The inbox over a database holding only the period's messages.
      await t.db
        .deleteFrom('messages')
        .where((eb) => eb.or([eb('created_at', '<', from), eb('created_at', '>=', to)]))
        .execute();
      const only = (await t.insights.suggestions()).map(summary);
      expect(inPeriod.map(({ id: _id, ...rest }) => rest)).toEqual(only.map(({ id: _id, ...rest }) => rest));
      expect(inPeriod.reduce((n, g) => n + g.count, 0)).toBeLessThanOrEqual(last - first);
    },
  );

  it('still counts a phrasing the admin decided (a report of the past does not change with the inbox)', async () => {
    for (const questions of CONVERSATIONS.slice(0, 2)) await storeQuestions(t.db, questions);
    const all = await times();
    const end = new Date(Date.parse(all[all.length - 1] ?? '') + 1).toISOString();
    const before = await t.insights.groupsBetween(all[0] ?? '', end);
    await t.insights.recordDecision({
      suggestionId: 'g1',
      decision: 'dismissed',
      phrasings: ['do you sell gift vouchers'],
      entryId: null,
      outOfScope: false,
      actorAgentId: await anAdmin(t.db),
    });
    expect((await t.insights.suggestions()).flatMap((s) => s.phrasings.map((p) => p.text))).not.toContain(
      'Do you sell gift vouchers?',
    );
    expect(await t.insights.groupsBetween(all[0] ?? '', end)).toEqual(before);
  });
});
