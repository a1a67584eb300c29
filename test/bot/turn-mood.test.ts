import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';
import { botHarness, clickValue } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
const anonymous = { from: { id: 'anon-1', name: '' } };

function say(text: string): Partial<Activity> {
  return { type: 'message', text, ...anonymous };
}

function click(title: string, from: Partial<Activity>): Partial<Activity> {
  return { type: 'message', text: title, value: clickValue(from, title), ...anonymous };
}

/**
 * Only what the customer says in their own words is scored: a button press never is, and a bare
 * answer to the bot's own question (yes / no, a name, an email) does not enter the mood trend.
 */
describe('the mood of a conversation', () => {
  const ctx = freshDatabaseEachTest();
  let analyzer: MessageAnalyzer;
  beforeAll(async () => {
    analyzer = await MessageAnalyzer.load(FIXTURE_KNOWLEDGE_DIR);
  });

  function harness() {
    return botHarness(ctx.db, { analyze: (text) => analyzer.analyze(text) });
  }

  async function moodColumns(text: string) {
    return ctx.db
      .selectFrom('messages')
      .select(['sentiment_label', 'sentiment_comparative', 'is_complaint'])
      .where('direction', '=', 'inbound')
      .where('text', '=', text)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  }

  const UNSCORED = { sentiment_label: null, sentiment_comparative: null, is_complaint: null };

  it('scores no button press, and none moves the trend', async () => {
    const { adapter, feedback } = harness();
    let answer: Partial<Activity> = {};
    let didYouMean: Partial<Activity> = {};
    let sorry: Partial<Activity> = {};
    await adapter
      .send(say('where is my order?'))
      .assertReply((a) => {
        answer = a;
      })
      .assertReply(R.didThisHelp);
    const trend = await feedback.recentComparatives('Convo1', 6);
    expect(trend).toHaveLength(1);
    await adapter
      .send(click('My order is late', answer))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say('could I have my money back please'))
      .assertReply((a) => {
        didYouMean = a;
      });
    const withQuestion = await feedback.recentComparatives('Convo1', 6);
    expect(withQuestion).toHaveLength(2);
    await adapter
      .send(click('Refund status', didYouMean))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say('No'))
      .assertReply((a) => {
        sorry = a;
      });
    await adapter
      .send(click(R.noneOfThese, didYouMean))
      .assertReply(() => {})
      .send(click(R.offerHuman, sorry))
      .assertReply(() => {});
    for (const title of ['My order is late', 'Refund status', R.noneOfThese, R.offerHuman]) {
      expect(await moodColumns(title)).toEqual(UNSCORED);
    }
    expect(await feedback.recentComparatives('Convo1', 6)).toEqual(withQuestion);
  });

  it.each([['Yes'], ['yes'], ['No'], ['nope'], ['not really'], ['perfect']])(
    'stores no mood for %j to "did this help?" and keeps it out of the trend',
    async (reply) => {
      const { adapter, feedback } = harness();
      await adapter
        .send(say('where is my order?'))
        .assertReply(() => {})
        .assertReply(R.didThisHelp);
      const before = await feedback.recentComparatives('Convo1', 6);
      await adapter.send(say(reply)).assertReply(() => {});
      expect(await moodColumns(reply)).toEqual(UNSCORED);
      expect(await feedback.recentComparatives('Convo1', 6)).toEqual(before);
    },
  );

  it.each([['Joy Goodman'], ['Hope'], ['Grace Lovely'], ['Mr. Bad'], ['skip']])(
    'stores no mood for the name %j',
    async (name) => {
      const { adapter } = harness();
      await adapter.send(say('talk to a human')).assertReply(R.askName).send(say(name)).assertReply(R.askEmail);
      expect(await moodColumns(name)).toEqual(UNSCORED);
    },
  );

  it.each([['happy.customer@example.com'], ['no'], ['angry@example.org'], ['not an email, sorry']])(
    'stores no mood for the email reply %j',
    async (email) => {
      const { adapter } = harness();
      await adapter
        .send(say('talk to a human'))
        .assertReply(R.askName)
        .send(say('skip'))
        .assertReply(R.askEmail)
        .send(say(email))
        .assertReply(() => {});
      expect(await moodColumns(email)).toEqual(UNSCORED);
    },
  );

  it.each([['No, this did not help at all and I am furious'], ['Yes thank you so much, that was wonderful']])(
    'scores a vote said in a sentence, %j: those are the customer own words',
    async (reply) => {
      const { adapter } = harness();
      await adapter
        .send(say('where is my order?'))
        .assertReply(() => {})
        .assertReply(R.didThisHelp)
        .send(say(reply))
        .assertReply(() => {});
      expect((await moodColumns(reply)).sentiment_label).not.toBeNull();
    },
  );

  it('a "Yes" click does not make the next mildly negative message look like a customer getting angrier', async () => {
    const { adapter, feedback } = harness();
    await adapter
      .send(say('where is my order?'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say('Yes'))
      .assertReply(R.thanksForFeedback)
      .send(say('my order is late, that is a bit annoying'))
      .assertReply(() => {});
    const trend = await feedback.recentComparatives('Convo1', 6);
    const question = await moodColumns('where is my order?');
    const annoyed = await moodColumns('my order is late, that is a bit annoying');
    expect(trend).toEqual([question.sentiment_comparative, annoyed.sentiment_comparative]);
  });
});
