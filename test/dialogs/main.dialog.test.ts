import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { botHarness, clickValue, suggestedTitles } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
function click(title: string, from: Partial<Activity>): Partial<Activity> {
  return { type: 'message', text: title, value: clickValue(from, title) };
}

describe('MainDialog', () => {
  const ctx = freshDatabaseEachTest();

  it('welcomes a customer who joins with the popular topics as buttons', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'User' }] })
      .assertReply((a) => {
        expect(a.text).toBe(R.greeting);
        expect(suggestedTitles(a)).toEqual(['Track my order', 'Refund status']);
      });
  });

  it('answers with the entry, its follow-ups, then asks whether it helped; "Yes" stores a helpful vote', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send('where is my order?')
      .assertReply((a) => {
        expect(a.text).toBe('Open **My orders** to follow your parcel.');
        expect(a.textFormat).toBe('markdown');
        expect(suggestedTitles(a)).toEqual(['My order is late']);
      })
      .assertReply((a) => {
        expect(a.text).toBe(R.didThisHelp);
        expect(suggestedTitles(a)).toEqual(['Yes', 'No', 'My order is late']);
      })
      .send('Yes')
      .assertReply(R.thanksForFeedback);
    const records = await feedback.transcript('Convo1');
    const question = records.find((r) => r.text === 'where is my order?');
    expect(question).toMatchObject({
      helpful: true,
      answeredEntryId: 'track-order',
      match: { kind: 'answer', entryId: 'track-order' },
    });
  });

  it('on "No" stores an unhelpful vote and offers the next-best candidates and a person', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send('where is my order?')
      .assertReply(() => {})
      .assertReply(() => {})
      .send('no')
      .assertReply((a) => {
        expect(a.text).toContain(R.sorryNotHelpful);
        expect(suggestedTitles(a)).toEqual(['My order is late', 'Return an item', 'Talk to a person']);
      });
    const question = (await feedback.transcript('Convo1')).find((r) => r.text === 'where is my order?');
    expect(question?.helpful).toBe(false);
  });

  it('asks "did you mean…?" when ambiguous; a candidate button answers it', async () => {
    const { adapter } = botHarness(ctx.db);
    let didYouMean: Partial<Activity> = {};
    await adapter.send('I want my money back').assertReply((a) => {
      didYouMean = a;
      expect(a.text).toBe(R.didYouMean);
      expect(suggestedTitles(a)).toEqual(['Refund status', 'Return an item', 'None of these']);
    });
    await adapter
      .send(click('Return an item', didYouMean))
      .assertReply('Start a return from **My orders**.')
      .assertReply((a) => expect(a.text).toBe(R.didThisHelp));
  });

  it('treats "None of these" as a no-match', async () => {
    const { adapter } = botHarness(ctx.db);
    let didYouMean: Partial<Activity> = {};
    await adapter.send('I want my money back').assertReply((a) => {
      didYouMean = a;
    });
    await adapter.send(click('None of these', didYouMean)).assertReply(R.fallback);
  });

  it('falls back in two stages: rephrase, then offer a person', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send('blorp')
      .assertReply(R.fallback)
      .send('zzzz qqq')
      // One question: the offer itself is the Yes / No prompt (before: the offer, then "shall I get a person?").
      .assertReply((a) => expect(a.text).toBe(`${R.fallbackOfferHuman} (1) Yes or (2) No`))
      .assertNoReply();
  });

  it('an answer between two no-matches resets the fallback counter', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send('blorp')
      .assertReply(R.fallback)
      .send('where is my order')
      .assertReply(() => {})
      .assertReply(() => {})
      .send('zzzz')
      .assertReply(R.fallback);
  });

  it('routes a new question typed instead of a vote, without recording a vote', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send('where is my order')
      .assertReply(() => {})
      .assertReply(() => {})
      .send('my order is late')
      .assertReply('Late orders usually arrive within 2 extra days.')
      .assertReply(R.didThisHelp);
    const first = (await feedback.transcript('Convo1')).find((r) => r.text === 'where is my order');
    expect(first?.helpful).toBeNull();
  });

  it.each([
    ['help', R.help],
    ['?', R.help],
    ['start over', R.startOver],
    ['talk to a human', R.askEmail],
    ['Can I speak to a real person?', R.askEmail],
  ])('handles "%s" when no dialog is active', async (text, reply) => {
    const { adapter } = botHarness(ctx.db);
    await adapter.send(text).assertReply(reply);
  });

  it('"help" at the feedback step answers and keeps the question open', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send('where is my order')
      .assertReply(() => {})
      .assertReply(() => {})
      .send('help')
      .assertReply(R.help)
      .send('yes')
      .assertReply(R.thanksForFeedback);
    expect((await feedback.transcript('Convo1')).find((r) => r.text === 'where is my order')?.helpful).toBe(true);
  });

  it('"start over" at the feedback step cancels it: a later "yes" is not a vote', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send('where is my order')
      .assertReply(() => {})
      .assertReply(() => {})
      .send('start over')
      .assertReply(R.startOver)
      .send('yes')
      .assertReply(R.fallback);
    expect((await feedback.transcript('Convo1')).find((r) => r.text === 'where is my order')?.helpful).toBeNull();
  });

  it('"talk to a human" at the feedback step records the request and starts the handoff', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send('where is my order')
      .assertReply(() => {})
      .assertReply(() => {})
      .send('I want to talk to a person')
      .assertReply(R.askEmail);
    const requests = await ctx.db.selectFrom('handoff_requests').selectAll().execute();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ conversation_id: 'Convo1', reason: 'requested' });
  });

  it('offers a person right after answering a topic marked escalate', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send('someone used my card, fraud!')
      .assertReply('We take fraud seriously; a specialist will contact you.')
      .assertReply((a) => expect(a.text).toContain(R.handoffConfirm));
  });

  it.each([[''], ['   '], ['\n\t']])('answers an empty message %j with a polite prompt', async (text) => {
    const { adapter } = botHarness(ctx.db);
    await adapter.send(text).assertReply(R.emptyMessage);
  });

  it('continues the dialog where the customer was after a restart on the same database file', async () => {
    const first = botHarness(ctx.db);
    await first.adapter
      .send('where is my order')
      .assertReply(() => {})
      .assertReply(R.didThisHelp);
    await ctx.db.destroy();

    const db = await ctx.reopen();
    const second = botHarness(db);
    await second.adapter.send('yes').assertReply(R.thanksForFeedback);
    expect((await second.feedback.transcript('Convo1')).find((r) => r.text === 'where is my order')?.helpful).toBe(
      true,
    );
  });

  it('keeps the message, apologises offering a person and clears the dialog when the bot fails on it', async () => {
    const { adapter, feedback } = botHarness(ctx.db, {
      matchText: () => {
        throw new Error('matcher exploded');
      },
    });
    await adapter.send('this will break').assertReply((a) => {
      expect(a.text).toBe(R.error);
      expect(suggestedTitles(a)).toEqual([R.offerHuman]);
      expect(clickValue(a, R.offerHuman)).toEqual({ answerdesk: { kind: 'human' } });
    });
    const records = await feedback.transcript('Convo1');
    expect(records.map((r) => [r.direction, r.text])).toEqual([
      ['inbound', 'this will break'],
      ['outbound', R.error],
    ]);
  });
});
