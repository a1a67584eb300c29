import type { Activity, TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { MessageAnalysis } from '../../src/analysis/message-analysis.ts';
import { type TurnKindNote, turnKindNote } from '../../src/chat/turn-analysis.ts';
import { fill } from '../../src/knowledge/fill-template.ts';
import { botHarness, clickValue, suggestedTitles } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
const TOPICS = R.smallTalk.topics;
const anonymous = { from: { id: 'anon-1', name: '' } };

function say(text: string): Partial<Activity> {
  return { type: 'message', text, ...anonymous };
}

function reply(id: string): string {
  const topic = TOPICS.find((t) => t.id === id);
  if (topic === undefined) throw new Error(`no small-talk topic ${id}`);
  return topic.reply;
}

/** Collects what the dialogs noted about each turn's message, after the turn. */
function recordNotes(adapter: TestAdapter): Array<TurnKindNote | undefined> {
  const notes: Array<TurnKindNote | undefined> = [];
  adapter.use(async (context, next) => {
    await next();
    if (context.activity.type === 'message') notes.push(turnKindNote(context));
  });
  return notes;
}

/** Two no-matches: the bot offers a person on its own and asks first. */
async function reachConfirmPrompt(adapter: TestAdapter): Promise<void> {
  await adapter
    .send(say('blorp'))
    .assertReply(R.fallback)
    .send(say('blorp blorp'))
    .assertReply((a) => expect(a.text).toContain(R.fallbackOfferHuman));
}

describe('Conversation routing through the bot', () => {
  const ctx = freshDatabaseEachTest();

  describe('asking for a person', () => {
    it.each([
      ['Can I please speak to a real person?'],
      ["I'd like to talk to your manager"],
      ['let me speak with a supervisor'],
      ['Can I get someone on the phone?'],
      ['is there a real person there?'],
      ['Am I talking to a bot? I want a human'],
      ['transfer me'],
      ['escalate this please'],
      ['I need a human'],
      ['customer service please'],
      ["I don't want to chat with a bot"],
      ['Hello? Anyone there?'],
      ['could you connect me with someone from your team'],
      ['please have someone call me back'],
    ])('%j starts the handoff without asking first, noted as a command', async (text) => {
      const { adapter } = botHarness(ctx.db);
      const notes = recordNotes(adapter);
      await adapter.send(say(text)).assertReply(R.askName);
      expect(notes).toEqual([{ kind: 'command' }]);
      const requests = await ctx.db.selectFrom('handoff_requests').select('reason').execute();
      expect(requests).toEqual([{ reason: 'requested' }]);
    });

    it('a request inside a complaint keeps the complaint: its category and priority go on the ticket', async () => {
      const analyze = (text: string): MessageAnalysis => ({
        sentiment: { score: -4, comparative: -0.4, label: 'negative' },
        complaint: text.includes('smashed')
          ? { isComplaint: true, category: 'damaged_product', severity: 'high', confidence: 0.9 }
          : { isComplaint: false, category: null, severity: null, confidence: 0.9 },
      });
      const { adapter, ticketQueries } = botHarness(ctx.db, { analyze });
      await adapter
        .send(say('Your driver smashed my parcel and I want to speak to a manager'))
        .assertReply(R.askName)
        .send(say('skip'))
        .assertReply(R.askEmail)
        .send(say('skip'))
        .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }));
      const { ticket } = await ticketQueries.get('T-1001');
      expect(ticket).toMatchObject({ reason: 'complaint', priority: 'high', category: 'damaged_product' });
    });

    it.each([
      ['how do I add a person to my account'],
      ['can someone else pick up my parcel'],
      ['who is the delivery person'],
      ['I need a person to sign for the package'],
      ['the agent said my refund was approved'],
      ["I don't need an agent, just tell me"],
    ])('%j is a question, not a request for a person', async (text) => {
      const { adapter } = botHarness(ctx.db);
      await adapter.send(say(text)).assertReply(R.fallback);
      expect(await ctx.db.selectFrom('tickets').selectAll().execute()).toEqual([]);
    });

    it.each([['talk to a human'], ['I want a real person please'], ['can I speak to a manager'], ['agent']])(
      'asking again with %j at "shall I get a person?" means yes, keeping why the bot offered',
      async (text) => {
        const { adapter, ticketQueries } = botHarness(ctx.db);
        await reachConfirmPrompt(adapter);
        await adapter
          .send(say(text))
          .assertReply(R.askName)
          .send(say('skip'))
          .assertReply(R.askEmail)
          .send(say('skip'))
          .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }));
        expect((await ticketQueries.get('T-1001')).ticket.reason).toBe('repeated_no_match');
      },
    );

    it('asking again while the name is asked keeps the handoff where it was', async () => {
      const { adapter } = botHarness(ctx.db);
      await adapter
        .send(say('talk to a human'))
        .assertReply(R.askName)
        .send(say('I want a real person'))
        .assertReply(R.invalidName)
        .send(say('Sam'))
        .assertReply(R.askEmail);
    });
  });

  describe('small talk', () => {
    it.each([
      ['good morning', 'greeting'],
      ['Hello there!', 'greeting'],
      ['hey, how are you?', 'how-are-you'],
      ['thanks a lot', 'thanks'],
      ['Cheers!', 'thanks'],
      ['thank you so much', 'thanks'],
      ['bye', 'goodbye'],
      ["that's all, thanks", 'goodbye'],
      ['who are you?', 'bot-identity'],
    ])('%j gets the %s reply and no "Did this help?", noted as small talk', async (text, id) => {
      const { adapter } = botHarness(ctx.db);
      const notes = recordNotes(adapter);
      await adapter
        .send(say(text))
        .assertReply((a) => expect(a.text).toBe(reply(id)))
        .assertNoReply();
      expect(notes).toEqual([{ kind: 'small-talk' }]);
    });

    it('"are you a bot?" says what it is and offers a person; the button starts the handoff', async () => {
      const { adapter } = botHarness(ctx.db);
      let answer: Partial<Activity> = {};
      await adapter.send(say('are you a bot?')).assertReply((a) => {
        answer = a;
        expect(a.text).toBe(reply('bot-identity'));
        expect(suggestedTitles(a)).toEqual([R.offerHuman]);
      });
      await adapter.send({ ...say(R.offerHuman), value: clickValue(answer, R.offerHuman) }).assertReply(R.askName);
    });

    it.each([['hi, where is my order?'], ['Good morning! Where is my order']])(
      'a greeting followed by a question (%j) is a question',
      async (text) => {
        const { adapter } = botHarness(ctx.db);
        await adapter
          .send(say(text))
          .assertReply('Open **My orders** to follow your parcel.')
          .assertReply(R.didThisHelp);
      },
    );

    it('"thanks" typed instead of a vote gets the thanks reply, and no vote is stored', async () => {
      const { adapter, feedback } = botHarness(ctx.db);
      await adapter
        .send(say('where is my order?'))
        .assertReply(() => {})
        .assertReply(R.didThisHelp)
        .send(say('thanks!'))
        .assertReply(reply('thanks'));
      const question = (await feedback.transcript('Convo1')).find((r) => r.text === 'where is my order?');
      expect(question?.helpful).toBeNull();
    });
  });

  describe('"cancel", "stop" and "start over"', () => {
    it.each([['cancel'], ['Cancel!'], ['stop'], ['quit'], ['cancel it']])(
      '%j with nothing in progress is routed as a question, not a reset',
      async (text) => {
        const { adapter } = botHarness(ctx.db);
        const notes = recordNotes(adapter);
        await adapter.send(say(text)).assertReply(R.fallback);
        expect(notes[0]?.kind).not.toBe('command');
      },
    );

    it('"cancel" right after an answer is a new message: no vote, and it is routed', async () => {
      const { adapter, feedback } = botHarness(ctx.db);
      await adapter
        .send(say('where is my order?'))
        .assertReply(() => {})
        .assertReply(R.didThisHelp)
        .send(say('cancel'))
        .assertReply(R.fallback);
      const question = (await feedback.transcript('Convo1')).find((r) => r.text === 'where is my order?');
      expect(question?.helpful).toBeNull();
    });

    it.each([['cancel'], ['stop'], ['never mind'], ['start over']])(
      '%j while the handoff asks for the email stops it: no ticket',
      async (text) => {
        const { adapter } = botHarness(ctx.db);
        await adapter
          .send(say('talk to a human'))
          .assertReply(R.askName)
          .send(say('Sam'))
          .assertReply(R.askEmail)
          .send(say(text))
          .assertReply(R.startOver)
          .send(say('sam@example.com'))
          .assertReply(R.fallback);
        expect(await ctx.db.selectFrom('tickets').selectAll().execute()).toEqual([]);
      },
    );

    it('"cancel" at "shall I get a person?" stops the offer', async () => {
      const { adapter } = botHarness(ctx.db);
      await reachConfirmPrompt(adapter);
      await adapter.send(say('cancel')).assertReply(R.startOver);
    });
  });
});
