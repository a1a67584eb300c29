import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { actionButton, type SupportAction } from '../../src/chat/support-action.ts';
import type { FeedbackService } from '../../src/conversations/feedback.service.ts';
import type { FeedbackRecord } from '../../src/conversations/feedback-record.ts';
import { botHarness, clickValue } from '../helpers/bot-harness.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
const NO_SIGNALS = { chosenEntryId: null, noneOfThese: false, handoffAfterAnswer: false };

function click(title: string, from: Partial<Activity>): Partial<Activity> {
  return { type: 'message', text: title, value: clickValue(from, title) };
}

/** A click whose value the client made up (or changed) itself. */
function forged(title: string, action: unknown): Partial<Activity> {
  return { type: 'message', text: title, value: { answerdesk: action } };
}

async function recordOf(feedback: FeedbackService, text: string): Promise<FeedbackRecord> {
  const record = (await feedback.transcript('Convo1')).find((r) => r.direction === 'inbound' && r.text === text);
  if (record === undefined) throw new Error(`no stored customer message ${JSON.stringify(text)}`);
  return record;
}

describe('implicit feedback stored on the question', () => {
  const ctx = freshDatabaseEachTest();

  it.each([
    ['I want my money back', 'Refund status', 'refund-status'],
    ['I want my money back', 'Return an item', 'return-item'],
    ['can I get my money back for a broken lamp', 'Return an item', 'return-item'],
  ])('stores the "did you mean" choice for %j (%s) on that question', async (question, title, entryId) => {
    const { adapter, feedback } = botHarness(ctx.db);
    let didYouMean: Partial<Activity> = {};
    await adapter.send(question).assertReply((a) => {
      didYouMean = a;
    });
    await adapter
      .send(click(title, didYouMean))
      .assertReply(() => {})
      .assertReply(R.didThisHelp);
    expect((await recordOf(feedback, question)).signals).toEqual({ ...NO_SIGNALS, chosenEntryId: entryId });
    expect((await recordOf(feedback, title)).signals).toEqual(NO_SIGNALS);
  });

  // Before: "the second one" was matched as a question of its own (walk-through c62).
  it.each([
    ['the second one', 'return-item'],
    ['2', 'return-item'],
    ['the first', 'refund-status'],
    ['number 1 please', 'refund-status'],
  ])(
    'takes a typed %j after "did you mean" for that option, with its verdict on the question',
    async (typed, entryId) => {
      const { adapter, feedback } = botHarness(ctx.db);
      let didYouMean: Partial<Activity> = {};
      await adapter.send('I want my money back').assertReply((a) => {
        didYouMean = a;
      });
      const titles = (didYouMean.suggestedActions?.actions ?? []).map((b) => b.title);
      expect(titles.slice(0, 2)).toEqual(['Refund status', 'Return an item']);
      const answer = FIXTURE_KB.entries.find((e) => e.id === entryId)?.answer;
      await adapter
        .send(typed)
        .assertReply((a) => expect(a.text).toBe(answer))
        .assertReply(R.didThisHelp);
      expect((await recordOf(feedback, 'I want my money back')).signals).toEqual({
        ...NO_SIGNALS,
        chosenEntryId: entryId,
      });
      const record = await recordOf(feedback, typed);
      expect({ kind: record.kind, action: record.action, match: record.match }).toEqual({
        kind: 'button',
        action: { kind: 'entry', entryId },
        match: null,
      });
    },
  );

  it.each([['start over'], ['help'], ['hello']])(
    'forgets the offer once the next message is something else (%j), whatever it is',
    async (between) => {
      const { adapter, feedback } = botHarness(ctx.db);
      await adapter.send('I want my money back').assertReply(() => {});
      await adapter.send(between).assertReply(() => {});
      await adapter.send('2').assertReply((a) => expect(a.text).not.toBe('Start a return from **My orders**.'));
      expect((await recordOf(feedback, 'I want my money back')).signals).toEqual(NO_SIGNALS);
    },
  );

  it('takes a typed place only right after the offer, and only among the options offered', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter.send('I want my money back').assertReply(() => {});
    // A place the list does not have is an ordinary message.
    await adapter.send('the ninth one').assertReply(R.fallback);
    // The offer was for the message before: a place now names nothing.
    await adapter
      .send('the second one')
      .assertReply((a) => expect(a.text).not.toBe('Start a return from **My orders**.'));
    expect((await recordOf(feedback, 'I want my money back')).signals).toEqual(NO_SIGNALS);
    expect((await recordOf(feedback, 'the second one')).kind).toBe('question');
  });

  it('stores "none of these" on the question that offered it', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    let didYouMean: Partial<Activity> = {};
    await adapter.send('I want my money back').assertReply((a) => {
      didYouMean = a;
    });
    await adapter.send(click(R.noneOfThese, didYouMean)).assertReply(R.fallback);
    expect((await recordOf(feedback, 'I want my money back')).signals).toEqual({ ...NO_SIGNALS, noneOfThese: true });
  });

  it('stores a choice among the alternatives offered after "No" on the answered question', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    let sorry: Partial<Activity> = {};
    await adapter
      .send('where is my order?')
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send('No')
      .assertReply((a) => {
        sorry = a;
      });
    await adapter.send(click('Return an item', sorry)).assertReply('Start a return from **My orders**.');
    expect((await recordOf(feedback, 'where is my order?')).signals).toEqual({
      ...NO_SIGNALS,
      chosenEntryId: 'return-item',
    });
  });

  it('stores nothing for follow-up and welcome buttons, which answer no question', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    let answer: Partial<Activity> = {};
    await adapter
      .send('where is my order?')
      .assertReply((a) => {
        answer = a;
      })
      .assertReply(R.didThisHelp);
    expect(clickValue(answer, 'My order is late')).toEqual({
      answerdesk: { kind: 'entry', entryId: 'order-delayed' },
    });
    await adapter.send(click('My order is late', answer)).assertReply(() => {});
    expect((await recordOf(feedback, 'where is my order?')).signals).toEqual(NO_SIGNALS);
  });

  describe('a forged or stale "did you mean" value changes nothing', () => {
    /** The conversation's question "I want my money back" and another conversation's question. */
    async function setUp() {
      const harness = botHarness(ctx.db);
      await harness.adapter
        .send('I want my money back')
        .assertReply(() => {})
        .send('blorp')
        .assertReply(R.fallback);
      const own = await recordOf(harness.feedback, 'I want my money back');
      const other = await seedConversation(ctx.db, { conversationId: 'other', messages: ['refund please'] });
      await ctx.db
        .updateTable('messages')
        .set({
          message_kind: 'question',
          match_kind: 'ambiguous',
          match_candidates: JSON.stringify([{ entryId: 'refund-status', confidence: 0.5 }]),
        })
        .where('id', '=', other.messageIds[0] ?? 0)
        .execute();
      const botMessage = (await harness.feedback.transcript('Convo1')).find((r) => r.direction === 'outbound');
      const noMatch = await recordOf(harness.feedback, 'blorp');
      return { ...harness, own, otherId: other.messageIds[0] ?? 0, botId: botMessage?.id ?? 0, noMatchId: noMatch.id };
    }

    async function allSignals(): Promise<unknown[]> {
      return ctx.db
        .selectFrom('messages')
        .select(['id', 'chosen_entry_id', 'none_of_these', 'handoff_after_answer'])
        .orderBy('id')
        .execute();
    }

    it.each<[string, (ids: { own: number; other: number; bot: number; noMatch: number }) => unknown]>([
      [
        "another conversation's question",
        ({ other }) => ({ kind: 'entry', entryId: 'refund-status', question: other }),
      ],
      ['"none of these" for another conversation', ({ other }) => ({ kind: 'none-of-these', question: other })],
      ['an entry that was not a candidate', ({ own }) => ({ kind: 'entry', entryId: 'track-order', question: own })],
      ['a bot message', ({ bot }) => ({ kind: 'none-of-these', question: bot })],
      [
        'a question whose candidates do not include the entry',
        ({ noMatch }) => ({ kind: 'entry', entryId: 'track-order', question: noMatch }),
      ],
      ['an id as a string', ({ own }) => ({ kind: 'none-of-these', question: String(own) })],
      ['a fractional id', ({ own }) => ({ kind: 'none-of-these', question: own + 0.5 })],
    ])('when it names %s', async (_label, action) => {
      const { adapter, own, otherId, botId, noMatchId } = await setUp();
      const before = await allSignals();
      await adapter
        .send(forged('Refund status', action({ own: own.id, other: otherId, bot: botId, noMatch: noMatchId })))
        .assertReply(() => {});
      // The click's own record is new; every record stored before it is untouched.
      expect((await allSignals()).slice(0, before.length)).toEqual(before);
    });
  });

  it.each([
    ['talk to a human'],
    ['I want to speak to a person'],
    ['agent please'],
    ['Can I talk to someone?'],
    ['get me a real person'],
  ])('marks the answered question when the next turn asks %j for a person', async (request) => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send('where is my order?')
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(request)
      .assertReply(() => {});
    expect((await recordOf(feedback, 'where is my order?')).signals).toEqual({
      ...NO_SIGNALS,
      handoffAfterAnswer: true,
    });
    expect((await recordOf(feedback, request)).kind).toBe('command');
  });

  it('marks the answered question when the next turn presses the person button', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    const human = actionButton(R.offerHuman, { kind: 'human' } satisfies SupportAction);
    await adapter
      .send('where is my order?')
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send({ type: 'message', text: R.offerHuman, value: human.value })
      .assertReply(() => {});
    expect((await recordOf(feedback, 'where is my order?')).signals.handoffAfterAnswer).toBe(true);
    expect((await recordOf(feedback, R.offerHuman)).action).toEqual({ kind: 'human', entryId: null });
  });

  it.each([
    ['after a question that was not answered', ['blorp']],
    ['after a vote in between', ['where is my order?', 'Yes']],
    ['after another question in between', ['where is my order?', 'zzzz']],
  ])('does not mark a question when the person request comes %s', async (_label, before) => {
    const { adapter, feedback } = botHarness(ctx.db);
    for (const text of before) await adapter.send(text).assertReply(() => {});
    await adapter.send('talk to a human').assertReply(() => {});
    const marked = (await feedback.transcript('Convo1')).filter((r) => r.signals.handoffAfterAnswer);
    expect(marked).toEqual([]);
  });
});
