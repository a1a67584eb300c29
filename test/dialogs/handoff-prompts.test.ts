import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { fill } from '../../src/knowledge/fill-template.ts';
import { botHarness } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
const ORDER_ANSWER = 'Open **My orders** to follow your parcel.';
const anonymous = { from: { id: 'anon-1', name: '' } };

function say(text: string): Partial<Activity> {
  return { type: 'message', text, ...anonymous };
}

describe('HandoffDialog prompts', () => {
  const ctx = freshDatabaseEachTest();

  async function customerNames(): Promise<Array<string | null>> {
    return (await ctx.db.selectFrom('customers').select('name').execute()).map((c) => c.name);
  }

  it.each([
    ['I want a real person'],
    ['talk to a human'],
    ['why?'],
    ['hello'],
    ['thanks'],
    ['sam@example.com'],
    ['07700 900123'],
    ['I already told you what I need'],
  ])('does not store %j as the name: it asks again', async (text) => {
    const { adapter } = botHarness(ctx.db);
    await adapter.send(say('talk to a human')).assertReply(R.askName).send(say(text)).assertReply(R.invalidName);
    expect(await customerNames()).toEqual([null]);
  });

  it.each([
    ["Anne-Marie O'Neil", "Anne-Marie O'Neil"],
    ['José', 'José'],
    ['李小龙', '李小龙'],
    ['Dr. Sam Lee', 'Dr. Sam Lee'],
    ['my name is Priya Patel', 'Priya Patel'],
  ])('stores %j as the name %j and goes on to the email', async (text, name) => {
    const { adapter } = botHarness(ctx.db);
    await adapter.send(say('talk to a human')).assertReply(R.askName).send(say(text)).assertReply(R.askEmail);
    expect(await customerNames()).toEqual([name]);
  });

  it('answers a question asked instead of a name, asks for the name again, and the handoff goes on', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('where is my order?'))
      .assertReply((a) => expect(a.text).toBe(ORDER_ANSWER))
      .assertReply(R.askName)
      .send(say('Casey'))
      .assertReply(R.askEmail)
      .send(say('casey@example.com'))
      .assertReply(fill(R.ticketCreated, { reference: 'T-1001' }));
    const question = (await feedback.transcript('Convo1')).find((r) => r.text === 'where is my order?');
    expect(question?.answeredEntryId).toBe('track-order');
    expect(await customerNames()).toEqual(['Casey']);
  });

  it('answers a question asked instead of an email, then asks for the email again', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('Where is my order? It is late'))
      .assertReply((a) => expect(a.text).toBe(ORDER_ANSWER))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }));
  });

  it('answers a question asked at "shall I get a person?", asks again, and a "yes" goes on', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('blorp'))
      .assertReply(R.fallback)
      .send(say('blorp blorp'))
      .assertReply((a) => expect(a.text).toContain(R.fallbackOfferHuman))
      .send(say('where is my order?'))
      .assertReply((a) => expect(a.text).toBe(ORDER_ANSWER))
      .assertReply((a) => expect(a.text).toContain(R.handoffConfirm))
      .send(say('yes'))
      .assertReply(R.askName);
  });

  it.each([
    ["it's sam@example.com", 'sam@example.com'],
    ['my email is Sam.Lee@Example.com.', 'sam.lee@example.com'],
    ['<casey@example.org>', 'casey@example.org'],
  ])('takes the address out of %j', async (text, email) => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say(text))
      .assertReply(fill(R.ticketCreated, { reference: 'T-1001' }));
    expect(await ctx.db.selectFrom('customers').select('email').execute()).toEqual([{ email }]);
  });

  it('asking for a person again at "shall I get a person?" is recorded as a request', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('blorp'))
      .assertReply(R.fallback)
      .send(say('blorp blorp'))
      .assertReply((a) => expect(a.text).toContain(R.fallbackOfferHuman))
      .send(say('just get me a real person'))
      .assertReply(R.askName);
    const requests = await ctx.db.selectFrom('handoff_requests').select('reason').execute();
    expect(requests).toContainEqual({ reason: 'requested' });
  });

  it('a question the knowledge cannot answer at the name prompt gets the retry prompt, not a name', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('why do you need my name?'))
      .assertReply(R.invalidName)
      .send(say('skip'))
      .assertReply(R.askEmail);
    expect(await customerNames()).toEqual([null]);
  });
});
