import { describe, expect, it } from 'vitest';
import type { SuggestionDecision } from '../../src/insights/suggestion.ts';
import { ValidationError } from '../../src/shared/app.error.ts';
import { anAdmin, fixtureInsightsEachTest, type StoredQuestion, storeQuestions } from './insights-fixture.ts';

/** Ways to ask where a parcel is that the fixture's track-order entry does not list. */
const WHERE_IS_MY_PARCEL = [
  'where the heck is my parcel',
  'my parcel, where is it now',
  'parcel still not here where is it',
  'where is the parcel i ordered',
];
/** A topic the fixture knowledge does not cover. */
const STUDENT_DISCOUNT = [
  'is there a student discount',
  'do students get a discount',
  'student discount code please',
  'how do i get the student discount',
];
/** Like the fixture's out-of-scope examples (weather). */
const WEATHER = [
  'what is the weather like tomorrow',
  'weather forecast for tomorrow',
  'will the weather be nice today',
  'what is the weather in london',
];

describe('InsightsService suggestions', () => {
  const t = fixtureInsightsEachTest();

  const asked = (texts: readonly string[], extra: Partial<StoredQuestion> = {}): StoredQuestion[] =>
    texts.map((text) => ({ text, matchKind: 'ambiguous', confidence: 0.3, ...extra }));

  it('suggests adding phrasings to the entry the served matcher is most confident about, with its confidence', async () => {
    await storeQuestions(t.db, asked(WHERE_IS_MY_PARCEL));
    const [suggestion] = await t.insights.suggestions();
    expect(suggestion).toMatchObject({ action: 'add-phrasings', entryId: 'track-order', count: 4 });
    expect(suggestion?.evidence.confidence).toBeGreaterThan(0.1);
    expect(suggestion?.evidence.chosenByCustomers).toBe(0);
  });

  it("lets the customers' own choice from 'did you mean' win over the matcher", async () => {
    await storeQuestions(t.db, [
      ...asked(WHERE_IS_MY_PARCEL.slice(0, 2), { chosenEntryId: 'order-delayed' }),
      ...asked(WHERE_IS_MY_PARCEL.slice(2)),
    ]);
    const [suggestion] = await t.insights.suggestions();
    expect(suggestion).toMatchObject({ action: 'add-phrasings', entryId: 'order-delayed' });
    expect(suggestion?.evidence.chosenByCustomers).toBe(2);
    expect(suggestion?.reasons).toEqual(['near-tie', 'chosen']);
  });

  it('never suggests the entry whose answer the customers said did not help', async () => {
    await storeQuestions(
      t.db,
      asked(WHERE_IS_MY_PARCEL, { matchKind: 'answer', entryId: 'track-order', confidence: 0.7, helpful: 0 }),
    );
    const [suggestion] = await t.insights.suggestions();
    expect(suggestion?.reasons).toEqual(['unhelpful']);
    expect(suggestion?.entryId).not.toBe('track-order');
  });

  it('suggests a new entry when no entry fits', async () => {
    await storeQuestions(t.db, asked(STUDENT_DISCOUNT, { matchKind: 'no-match', confidence: 0.05 }));
    const [suggestion] = await t.insights.suggestions();
    expect(suggestion).toMatchObject({ action: 'new-entry', entryId: null, count: STUDENT_DISCOUNT.length });
  });

  it("suggests out of scope when the group looks like the knowledge's out-of-scope examples", async () => {
    await storeQuestions(t.db, asked(WEATHER, { matchKind: 'no-match', confidence: 0.05 }));
    const suggestions = await t.insights.suggestions();
    expect(suggestions.map((s) => [s.action, s.entryId])).toEqual(suggestions.map(() => ['out-of-scope', null]));
    expect(suggestions.reduce((n, s) => n + s.count, 0)).toBe(WEATHER.length);
  });

  it('describes the group: phrasings with counts, first and last seen, newest examples with their conversations', async () => {
    const first = await storeQuestions(t.db, asked(['where the heck is my parcel']));
    const second = await storeQuestions(t.db, asked(['Where the heck is my parcel?!', 'my parcel, where is it now']));
    const [suggestion] = await t.insights.suggestions();
    expect(suggestion?.phrasings).toEqual([
      { text: 'where the heck is my parcel', count: 2 },
      { text: 'my parcel, where is it now', count: 1 },
    ]);
    expect(suggestion?.examples.map((e) => e.messageId)).toEqual([...second].reverse().concat(first));
    expect((suggestion?.firstSeen ?? '') < (suggestion?.lastSeen ?? '')).toBe(true);
    expect(new Set(suggestion?.examples.map((e) => e.conversationId)).size).toBe(2);
  });

  const badDecisions: Array<[string, Partial<SuggestionDecision>, string]> = [
    ['no phrasing', { phrasings: [] }, 'phrasings: at least one phrasing is needed'],
    ['a blank phrasing', { phrasings: ['fine', ' ?! '] }, 'phrasings[1]: is blank'],
    [
      'an acceptance without an entry',
      { decision: 'accepted', entryId: null, outOfScope: false },
      'entryId: an accepted suggestion needs an entry, unless it is out of scope',
    ],
  ];

  it.each(badDecisions)('refuses a decision with %s, naming the field', async (_, change, problem) => {
    const admin = await anAdmin(t.db);
    const decision: SuggestionDecision = {
      suggestionId: 'g1',
      decision: 'dismissed',
      phrasings: ['where the heck is my parcel'],
      entryId: null,
      outOfScope: false,
      actorAgentId: admin,
      ...change,
    };
    const error = await t.insights.recordDecision(decision).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toContain(problem);
    expect(await t.db.selectFrom('suggestion_decisions').selectAll().execute()).toEqual([]);
  });

  it('records who decided what and when, one row per phrasing', async () => {
    const admin = await anAdmin(t.db);
    await t.insights.recordDecision({
      suggestionId: 'g1',
      decision: 'accepted',
      phrasings: ['Where the heck is my parcel?', 'where the heck is my parcel', 'my parcel, where is it now'],
      entryId: 'track-order',
      outOfScope: false,
      actorAgentId: admin,
    });
    const rows = await t.db.selectFrom('suggestion_decisions').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.phrasing_key, r.decision, r.entry_id, r.actor_agent_id])).toEqual([
      ['where the heck is my parcel', 'accepted', 'track-order', admin],
      ['my parcel where is it now', 'accepted', 'track-order', admin],
    ]);
    expect(Number.isNaN(Date.parse(rows[0]?.decided_at ?? ''))).toBe(false);
  });
});
