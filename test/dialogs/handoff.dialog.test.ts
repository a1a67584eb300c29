import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { MessageAnalysis } from '../../src/analysis/message-analysis.ts';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { botHarness } from '../helpers/bot-harness.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
/** The TestAdapter's user has no name unless an activity gives one. */
const anonymous = { from: { id: 'anon-1', name: '' } };

function say(text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return { type: 'message', text, ...anonymous, ...extra };
}

/** Sentiment/complaint stand-in: "burst into flames" is a critical complaint, "rude" a high one. */
function analyze(text: string): MessageAnalysis {
  const neutral = { score: 0, comparative: 0, label: 'neutral' as const };
  if (text.includes('flames')) {
    return {
      sentiment: { score: -6, comparative: -1, label: 'negative' },
      complaint: { isComplaint: true, category: 'damaged_product', severity: 'critical', confidence: 0.9 },
    };
  }
  if (text.includes('rude')) {
    return {
      sentiment: { score: -2, comparative: -0.3, label: 'negative' },
      complaint: { isComplaint: true, category: 'staff_service', severity: 'high', confidence: 0.8 },
    };
  }
  return { sentiment: neutral, complaint: { isComplaint: false, category: null, severity: null, confidence: 0.9 } };
}

describe('HandoffDialog', () => {
  const ctx = freshDatabaseEachTest();

  it('asks for name and email on request, validates the email, opens a ticket and sends handoff.initiate', async () => {
    const { adapter, ticketQueries: tickets } = botHarness(ctx.db);
    await adapter
      .send(say('where is my order'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('Casey Jones'))
      .assertReply(R.askEmail)
      .send(say('casey at example'))
      .assertReply(R.invalidEmail)
      .send(say('Casey@Example.com'))
      .assertReply('Ticket T-1001 created.')
      .assertReply((a) => {
        expect(a.type).toBe('event');
        expect(a.name).toBe('handoff.initiate');
        expect(a.value).toMatchObject({ reference: 'T-1001', reason: 'requested', priority: 'normal' });
        const transcript = a.attachments?.[0]?.content as { activities: Array<{ text?: string }> };
        expect(transcript.activities.map((x) => x.text)).toContain('where is my order');
      });
    const detail = await tickets.get('T-1001');
    expect(detail.ticket).toMatchObject({ reason: 'requested', priority: 'normal', subject: 'where is my order' });
    const customer = await ctx.db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ name: 'Casey Jones', email: 'casey@example.com' });
  });

  it('keeps going when the customer is merged into another record between two prompts', async () => {
    const { adapter, ticketQueries: tickets } = botHarness(ctx.db);
    const crm = createCrmServices(ctx.db);
    const known = await seedConversation(ctx.db, { conversationId: 'earlier', userId: 'web-9', name: 'Casey' });
    await crm.customers.updateContact(known.customerId, { email: 'casey@example.com' });

    await adapter.send(say('talk to a human')).assertReply(R.askName);
    // Meanwhile the same person, in another conversation, gives the known address: this chat's
    // customer record is merged into the known one and deleted.
    const [chat] = await ctx.db.selectFrom('customers').select('id').where('id', '!=', known.customerId).execute();
    expect(await crm.customers.updateContact(chat?.id ?? -1, { email: 'casey@example.com' })).toMatchObject({
      kind: 'merged',
    });

    await adapter
      .send(say('Casey Jones'))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply('Ticket T-1001 created; keep this chat open.');
    const detail = await tickets.get('T-1001');
    expect(detail.customer).toMatchObject({ id: known.customerId, name: 'Casey Jones' });
  });

  it('lets the customer skip name and email', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('agent please'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply('Ticket T-1001 created; keep this chat open.');
    expect(await ctx.db.selectFrom('customers').select(['name', 'email']).execute()).toEqual([
      { name: null, email: null },
    ]);
  });

  it('while handed off, stays silent: messages go to the ticket and the bot says so once', async () => {
    const { adapter, ticketQueries: tickets } = botHarness(ctx.db);
    await adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply('Ticket T-1001 created; keep this chat open.')
      .assertReply((a) => expect(a.name).toBe('handoff.initiate'))
      .send(say('where is my order'))
      .assertReply(R.handoffWaiting)
      .send(say('hello? anyone?'))
      .assertNoReply();
    const { events } = await tickets.get('T-1001');
    // Each names the stored message it copies (an agent's redaction replaces that message's copies only).
    const copies = events.filter((e) => e.type === 'customer_message').map((e) => e.data);
    expect(copies).toEqual([
      { text: 'where is my order', messageId: expect.any(Number) },
      { text: 'hello? anyone?', messageId: expect.any(Number) },
    ]);
    expect(new Set(copies.map((c) => c.messageId)).size).toBe(2);
  });

  it('once an agent has taken the chat, says nothing of "a person will reply": the agent is there', async () => {
    const { adapter, handoffs } = botHarness(ctx.db);
    await adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply('Ticket T-1001 created; keep this chat open.')
      .assertReply((a) => expect(a.name).toBe('handoff.initiate'));
    const ticket = await ctx.db.selectFrom('tickets').select('id').executeTakeFirstOrThrow();
    const { agent } = await createCrmServices(ctx.db).agents.create({ name: 'Ada', email: 'ada@example.com' });
    expect((await handoffs.accept(ticket.id, agent.id))?.state).toBe('accepted');
    await adapter.send(say('hi')).assertNoReply().send(say('my order is missing the cushions')).assertNoReply();
    const copies = await ctx.db
      .selectFrom('ticket_events')
      .select('type')
      .where('type', '=', 'customer_message')
      .execute();
    expect(copies).toHaveLength(2);
  });

  it('escalating again after a failed handoff adds to the open ticket', async () => {
    const { adapter, handoffs } = botHarness(ctx.db);
    await adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('casey@example.com'))
      .assertReply('Ticket T-1001 created.')
      .assertReply(() => {});
    expect(await handoffs.failOverdue(-1)).toHaveLength(1);
    await adapter.send(say('talk to a human')).assertReply('Added to ticket T-1001.');
    expect(await ctx.db.selectFrom('tickets').select('reference').execute()).toEqual([{ reference: 'T-1001' }]);
  });

  it('asks first when the bot escalates on its own, and respects a "no"', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('blorp'))
      .assertReply(R.fallback)
      .send(say('blorp blorp'))
      .assertReply((a) => expect(a.text).toContain(R.fallbackOfferHuman))
      .send(say('no'))
      .assertReply(R.handoffDeclined);
    expect(await ctx.db.selectFrom('tickets').selectAll().execute()).toEqual([]);
  });

  it('escalates after two unhelpful votes, with the reason "unhelpful"', async () => {
    const { adapter, ticketQueries: tickets } = botHarness(ctx.db);
    await adapter
      .send(say('where is my order'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say('no'))
      .assertReply(() => {})
      .send(say('my order is late'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send(say('no'))
      // The second "no" gets the offer of a person alone: no "sorry, did you mean…" whose buttons
      // the offer's Yes / No would replace (before: both, in that order).
      .assertReply((a) => expect(a.text).toBe(`${R.handoffConfirm} (1) Yes or (2) No`))
      .assertNoReply()
      .send(say('yes'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply('Ticket T-1001 created; keep this chat open.');
    expect((await tickets.get('T-1001')).ticket.reason).toBe('unhelpful');
  });

  it('skips the question for a critical complaint and makes the ticket urgent', async () => {
    const { adapter, ticketQueries: tickets } = botHarness(ctx.db, { analyze });
    await adapter
      .send(say('the charger you sold me burst into flames'))
      .assertReply(R.complaintAcknowledgeCritical)
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply('Ticket T-1001 created; keep this chat open.');
    const { ticket } = await tickets.get('T-1001');
    expect(ticket).toMatchObject({ reason: 'complaint', priority: 'urgent', category: 'damaged_product' });
    expect(ticket.subject).toBe('the charger you sold me burst into flames');
  });

  it('asks first for a high complaint', async () => {
    const { adapter } = botHarness(ctx.db, { analyze });
    await adapter
      .send(say('your driver was so rude to me'))
      .assertReply(R.complaintAcknowledgeHigh)
      .assertReply((a) => expect(a.text).toContain(R.handoffConfirm));
  });

  it('"start over" while asking for the email cancels the handoff', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('start over'))
      .assertReply(R.startOver)
      .send(say('blorp'))
      .assertReply(R.fallback);
    expect(await ctx.db.selectFrom('tickets').selectAll().execute()).toEqual([]);
  });

  it('knows a returning customer by email: one customer across two conversations', async () => {
    const first = botHarness(ctx.db);
    await first.adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('Casey'))
      .assertReply(R.askEmail)
      .send(say('casey@example.com'))
      .assertReply('Ticket T-1001 created.');
    const second = botHarness(ctx.db);
    second.adapter.conversation.conversation.id = 'Convo2';
    await second.adapter
      .send(say('talk to a human', { from: { id: 'anon-2', name: '' } }))
      .assertReply(R.askName)
      .send(say('Casey again', { from: { id: 'anon-2', name: '' } }))
      .assertReply(R.askEmail)
      .send(say('CASEY@example.com', { from: { id: 'anon-2', name: '' } }))
      .assertReply('Ticket T-1002 created.');
    const customers = await ctx.db.selectFrom('customers').select(['id', 'email']).execute();
    expect(customers).toHaveLength(1);
    const ticketCustomers = await ctx.db.selectFrom('tickets').select('customer_id').execute();
    expect(new Set(ticketCustomers.map((t) => t.customer_id))).toEqual(new Set([customers[0]?.id]));
  });
});
