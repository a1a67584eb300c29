import { type Activity, ActivityEventNames, type TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';
import type { FeedbackService } from '../../src/conversations/feedback.service.ts';
import type { FeedbackRecord } from '../../src/conversations/feedback-record.ts';
import { fill } from '../../src/knowledge/fill-template.ts';
import { botHarness, clickValue } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
/** The TestAdapter's user has a name unless an activity says otherwise: this one is asked for it. */
const anonymous = { from: { id: 'anon-1', name: '' } };

function say(text: string): Partial<Activity> {
  return { type: 'message', text, ...anonymous };
}

function click(title: string, from: Partial<Activity>): Partial<Activity> {
  return { type: 'message', text: title, value: clickValue(from, title) };
}

/** The customer's chat messages as stored, oldest first. */
async function customerMessages(feedback: FeedbackService): Promise<FeedbackRecord[]> {
  return (await feedback.transcript('Convo1')).filter((r) => r.direction === 'inbound' && r.activityType === 'message');
}

async function recordOf(feedback: FeedbackService, text: string): Promise<FeedbackRecord> {
  const found = (await customerMessages(feedback)).filter((r) => r.text === text);
  const last = found[found.length - 1];
  if (last === undefined) throw new Error(`no stored customer message ${JSON.stringify(text)}`);
  return last;
}

/** What a non-question's record must look like: its kind, and no match. */
function expectNotAQuestion(record: FeedbackRecord, kind: string, prompt: string | null = null): void {
  expect({ kind: record.kind, prompt: record.prompt, match: record.match }).toEqual({ kind, prompt, match: null });
}

/** Talks the anonymous customer into a live handoff (ticket T-1001). */
async function handedOff(adapter: TestAdapter): Promise<void> {
  await adapter
    .send(say('talk to a human'))
    .assertReply(R.askName)
    .send(say('skip'))
    .assertReply(R.askEmail)
    .send(say('skip'))
    .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }))
    .assertReply((a) => expect(a.name).toBe('handoff.initiate'));
}

describe('what each inbound customer message is recorded as', () => {
  const ctx = freshDatabaseEachTest();
  /** The real analyzer, trained once for the tests that need real moods. */
  let analyzer: Promise<MessageAnalyzer> | undefined;
  const realAnalysis = async () => {
    analyzer ??= MessageAnalyzer.load(FIXTURE_KNOWLEDGE_DIR);
    const loaded = await analyzer;
    return botHarness(ctx.db, { analyze: (t) => loaded.analyze(t) });
  };

  /** Asks a question the knowledge answers, then replies `text` to "did this help?"; checks the bot's reply. */
  async function replyToDidThisHelp(text: string, check: (reply: Partial<Activity>) => void) {
    const harness = await realAnalysis();
    await harness.adapter
      .send(say('where is my order?'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say(text))
      .assertReply(check);
    return harness;
  }

  it.each([
    ['where is my order?', 'answer', 'track-order'],
    ['Where is my order, I paid a week ago', 'answer', 'track-order'],
    ['I want my money back', 'ambiguous', 'refund-status'],
    ['blorp', 'no-match', 'return-item'],
    ['can you ship to the moon', 'no-match', 'return-item'],
  ])('stores a question %j as a question with its match (%s)', async (text, matchKind, entryId) => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter.send(say(text)).assertReply(() => {});
    const record = await recordOf(feedback, text);
    expect(record.kind).toBe('question');
    expect(record.prompt).toBeNull();
    expect(record.action).toBeNull();
    expect(record.match).toMatchObject({ kind: matchKind, entryId });
  });

  it.each([
    ['Yes', true],
    ['yes', true],
    ['yep', true],
    ['sure', true],
    ['perfect', true],
    ['No', false],
    ['nope', false],
    ['nah', false],
    ['not really', false],
    ["it didn't", false],
  ])('stores %j to "did this help?" as a reply to that prompt, and the vote on the question', async (text, helpful) => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send(say('where is my order?'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say(text))
      .assertReply((a) => expect(a.text).toContain(helpful ? R.thanksForFeedback : R.sorryNotHelpful));
    expectNotAQuestion(await recordOf(feedback, text), 'prompt-reply', 'helpful');
    expect((await recordOf(feedback, 'where is my order?')).helpful).toBe(helpful);
  });

  // Before: the choice prompt found "yes" in them, stored a helpful vote and thanked the customer.
  it.each([
    ["yes I KNOW, it's been 6 days already, what are you actually going to do about it"],
    ['yes, and how do I send the other one back?'],
    ['yeah I read that but where is it actually'],
    ["yeah but it's still broken"],
    ['yes, useless answer though, I already tried all of that'],
    ['yes but how?'],
    ['yeah, where though?'],
  ])('takes a "yes" that says more (%j) for the customer\'s own message, not a vote', async (text) => {
    const { feedback } = await replyToDidThisHelp(text, (a) => expect(a.text).not.toContain(R.thanksForFeedback));
    expect((await recordOf(feedback, text)).kind).toBe('question');
    expect((await recordOf(feedback, 'where is my order?')).helpful).toBeNull();
  });

  it.each([
    ['yes it did, thank you so much'],
    ['yeah that sorted it, cheers'],
    ['Yes perfect, exactly what I needed'],
    ['yes it worked and is fixed now, thanks'],
    ['Yes! Will do, thanks a lot'],
    ["yes, can't thank you enough"],
    ['yes thanks, would recommend you guys'],
    ['yes, I was so worried, thank you'],
  ])('still takes %j for a "yes" vote', async (text) => {
    const { feedback } = await replyToDidThisHelp(text, (a) => expect(a.text).toContain(R.thanksForFeedback));
    expectNotAQuestion(await recordOf(feedback, text), 'prompt-reply', 'helpful');
    expect((await recordOf(feedback, 'where is my order?')).helpful).toBe(true);
  });

  it.each([['yes'], ['Yes please'], ['no'], ['No thanks'], ['nope'], ['sure'], ['maybe later']])(
    'stores %j to "shall I get a person?" as a reply to the handoff confirmation',
    async (text) => {
      const { adapter, feedback } = botHarness(ctx.db);
      await adapter
        .send(say('I think this is fraud'))
        .assertReply(() => {})
        .assertReply((a) => expect(a.text).toContain(R.handoffConfirm))
        .send(say(text))
        .assertReply(() => {});
      expectNotAQuestion(await recordOf(feedback, text), 'prompt-reply', 'handoff-confirm');
    },
  );

  it.each([['Casey'], ["Mary-Jane O'Neil"], ['Dr. Ana Lima'], ['skip']])(
    'stores the name %j as a reply to the name prompt',
    async (text) => {
      const { adapter, feedback } = botHarness(ctx.db);
      await adapter.send(say('talk to a human')).assertReply(R.askName).send(say(text)).assertReply(R.askEmail);
      expectNotAQuestion(await recordOf(feedback, text), 'prompt-reply', 'handoff-name');
    },
  );

  it.each([['4'], ['asdf 123'], ['I need it by friday ok']])(
    'stores %j, refused as a name, as a reply to the name prompt',
    async (text) => {
      const { adapter, feedback } = botHarness(ctx.db);
      await adapter.send(say('talk to a human')).assertReply(R.askName).send(say(text)).assertReply(R.invalidName);
      expectNotAQuestion(await recordOf(feedback, text), 'prompt-reply', 'handoff-name');
    },
  );

  it.each([
    ['where is my order', 'name'],
    ['where is my order?', 'email'],
  ])('stores %j, asked at the %s prompt, as a question with its match', async (text, prompt) => {
    const { adapter, feedback } = botHarness(ctx.db);
    let flow = adapter.send(say('talk to a human')).assertReply(R.askName);
    if (prompt === 'email') flow = flow.send(say('skip')).assertReply(R.askEmail);
    await flow.send(say(text)).assertReply((a) => expect(a.text).not.toBe(R.fallback));
    const record = await recordOf(feedback, text);
    expect(record.kind).toBe('question');
    expect(record.match?.kind).toBe('answer');
  });

  it.each([['casey@example.com'], ['ANA.LIMA@Example.COM '], ['skip'], ['not an email']])(
    'stores the email %j as a reply to the email prompt, valid or not',
    async (text) => {
      const { adapter, feedback } = botHarness(ctx.db);
      await adapter
        .send(say('talk to a human'))
        .assertReply(R.askName)
        .send(say('skip'))
        .assertReply(R.askEmail)
        .send(say(text))
        .assertReply(() => {});
      expectNotAQuestion(await recordOf(feedback, text), 'prompt-reply', 'handoff-email');
    },
  );

  it.each([['where is my order?'], ['hello? anyone?'], ['my order is late'], ['Yes'], ['4'], ['I want my money back']])(
    'stores %j said during a live handoff as a message to the agent, never matched',
    async (text) => {
      const { adapter, feedback } = botHarness(ctx.db);
      await handedOff(adapter);
      await adapter.send(say(text)).assertReply(R.handoffWaiting);
      expectNotAQuestion(await recordOf(feedback, text), 'to-agent');
    },
  );

  it('stores what the customer tells the agent with its mood, and a bare yes with none', async () => {
    const { adapter, feedback } = await realAnalysis();
    await handedOff(adapter);
    const said = ['Yes', 'yeah', 'yes, order 4411', 'yes and it arrived smashed', 'Yes, thank you so much'];
    // The bot says a person will reply once; then it stays quiet while the customer writes.
    await adapter.send(say(said[0] ?? '')).assertReply(R.handoffWaiting);
    for (const text of said.slice(1)) await adapter.send(say(text));
    const labels = await Promise.all(said.map(async (text) => (await recordOf(feedback, text)).sentiment?.label));
    // Before: AFINN's +1 for "yes" made the first three "positive", and the ticket's latest mood with them.
    expect(labels).toEqual(['neutral', 'neutral', 'neutral', 'negative', 'positive']);
  });

  it.each([
    ['5', 'Great service, thank you'],
    ['1', 'skip'],
    ['3', 'no'],
    ['4', 'The agent was quick but the parcel is still lost'],
    ['2', 'where is my order?'],
  ])('stores the rating %j and the comment %j as replies to the satisfaction survey', async (rating, comment) => {
    const { adapter, feedback, handoffs, bot } = botHarness(ctx.db);
    await handedOff(adapter);
    const ticket = await ctx.db.selectFrom('tickets').select('id').executeTakeFirstOrThrow();
    await handoffs.complete(ticket.id);
    await adapter.processActivity({ type: 'event', name: ActivityEventNames.ContinueConversation, ...anonymous }, (c) =>
      bot.beginCsat(c, 'T-1001'),
    );
    expect(adapter.activeQueue.splice(0).map((a) => a.text)).toEqual([R.csatAsk]);
    await adapter.send(say(rating)).assertReply(R.csatComment).send(say(comment)).assertReply(R.csatThanks);
    expectNotAQuestion(await recordOf(feedback, rating), 'prompt-reply', 'csat-rating');
    expectNotAQuestion(await recordOf(feedback, comment), 'prompt-reply', 'csat-comment');
    const csat = await ctx.db.selectFrom('tickets').select('csat_rating').executeTakeFirstOrThrow();
    expect(csat.csat_rating).toBe(Number(rating));
  });

  it('stores a question typed instead of a rating as a question, matched', async () => {
    const { adapter, feedback, handoffs, bot } = botHarness(ctx.db);
    await handedOff(adapter);
    const ticket = await ctx.db.selectFrom('tickets').select('id').executeTakeFirstOrThrow();
    await handoffs.complete(ticket.id);
    await adapter.processActivity({ type: 'event', name: ActivityEventNames.ContinueConversation, ...anonymous }, (c) =>
      bot.beginCsat(c, 'T-1001'),
    );
    adapter.activeQueue.splice(0);
    await adapter.send(say('where is my order?')).assertReply('Open **My orders** to follow your parcel.');
    const record = await recordOf(feedback, 'where is my order?');
    expect(record.kind).toBe('question');
    expect(record.match).toMatchObject({ kind: 'answer', entryId: 'track-order' });
  });

  it('stores a question typed instead of a vote as a question, matched', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send(say('where is my order?'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say('my order is late'))
      .assertReply('Late orders usually arrive within 2 extra days.');
    const record = await recordOf(feedback, 'my order is late');
    expect(record.kind).toBe('question');
    expect(record.match).toMatchObject({ kind: 'answer', entryId: 'order-delayed' });
  });

  it.each([
    ['help'],
    ['?'],
    ['menu'],
    ['start over'],
    ['never mind'],
    ['talk to a human'],
    ['Can I speak to a real person?'],
  ])('stores the command %j as a command, never matched', async (text) => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter.send(say(text)).assertReply(() => {});
    expectNotAQuestion(await recordOf(feedback, text), 'command');
  });

  it.each([['help'], ['start over'], ['agent please']])(
    'stores the command %j typed at a prompt as a command',
    async (text) => {
      const { adapter, feedback } = botHarness(ctx.db);
      await adapter
        .send(say('where is my order?'))
        .assertReply(() => {})
        .assertReply(R.didThisHelp)
        .send(say(text))
        .assertReply(() => {});
      expectNotAQuestion(await recordOf(feedback, text), 'command');
    },
  );

  it.each([[''], ['   '], ['\n\t']])('stores the empty message %j as empty', async (text) => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter.send(say(text)).assertReply(R.emptyMessage);
    expectNotAQuestion(await recordOf(feedback, text), 'empty');
  });

  it('stores the buttons of each action as button presses with their action, never matched', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    let greeting: Partial<Activity> = {};
    let answer: Partial<Activity> = {};
    let didYouMean: Partial<Activity> = {};
    let sorry: Partial<Activity> = {};
    await adapter
      .send({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'User' }] })
      .assertReply((a) => {
        greeting = a;
      });
    await adapter
      .send(click('Track my order', greeting))
      .assertReply((a) => {
        answer = a;
      })
      .assertReply(R.didThisHelp);
    await adapter
      .send(click('My order is late', answer))
      .assertReply('Late orders usually arrive within 2 extra days.')
      .assertReply(R.didThisHelp)
      .send('I want my money back')
      .assertReply((a) => {
        didYouMean = a;
      });
    await adapter
      .send(click('Return an item', didYouMean))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send('No')
      .assertReply((a) => {
        sorry = a;
      });
    await adapter.send(click('None of these', didYouMean)).assertReply(R.fallback);
    await adapter.send(click(R.offerHuman, sorry)).assertReply(R.askEmail);

    const buttons = (await customerMessages(feedback)).filter((r) => r.kind === 'button');
    expect(buttons.map((r) => [r.text, r.action, r.match, r.prompt])).toEqual([
      ['Track my order', { kind: 'entry', entryId: 'track-order' }, null, null],
      ['My order is late', { kind: 'entry', entryId: 'order-delayed' }, null, null],
      ['Return an item', { kind: 'entry', entryId: 'return-item' }, null, null],
      ['None of these', { kind: 'none-of-these', entryId: null }, null, null],
      [R.offerHuman, { kind: 'human', entryId: null }, null, null],
    ]);
    // Only the one typed question was matched.
    expect((await customerMessages(feedback)).filter((r) => r.match !== null).map((r) => r.text)).toEqual([
      'I want my money back',
    ]);
  });

  it('keeps the kind of a message the bot failed on', async () => {
    const { adapter, feedback } = botHarness(ctx.db, {
      matchText: () => {
        throw new Error('matcher exploded');
      },
    });
    await adapter.send(say('this will break')).assertReply(R.error);
    const record = await recordOf(feedback, 'this will break');
    expect(record.kind).toBe('question');
    expect(record.match).toBeNull();
  });
});
