import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';
import { fill } from '../../src/knowledge/fill-template.ts';
import { TicketRepository } from '../../src/tickets/ticket.repository.ts';
import { botHarness } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
const anonymous = { from: { id: 'anon-c', name: '' } };
const say = (text: string): Partial<Activity> => ({ type: 'message', text, ...anonymous });

/** The real analyzer (sentiment + complaint classifier), trained on the test fixtures' knowledge. */
let analyzer: MessageAnalyzer;
const analyze = (text: string) => analyzer.analyze(text);
/** The real analyzer with the shipped default sentiment threshold (on the normalised comparative). */
const options = { analyze, thresholds: { sentimentBelow: -0.75 } };

beforeAll(async () => {
  analyzer = await MessageAnalyzer.load('test/fixtures/knowledge');
});

describe('MainDialog with complaints (real analyzer)', () => {
  const ctx = freshDatabaseEachTest();

  async function queueItem() {
    const { tickets } = await new TicketRepository(ctx.db).list({ statuses: ['new'] }, 10, 0);
    expect(tickets).toHaveLength(1);
    return tickets[0];
  }

  it.each([
    ['Your rider was rude and threw the food at my door. Disgusting attitude, I am furious!', 'staff_service'],
    [
      'I have been charged twice for the same order and nobody answers my emails. Absolutely unacceptable!',
      'billing_payment',
    ],
    ['My refund is three weeks late and you keep ignoring me. This is a scam!', 'refund_return'],
    ['The app has deleted all my saved data again, useless rubbish, I am so angry!', 'account_technical'],
    // The scripted matcher has an answer for "my order is late": a routine answer must not come first.
    ['my order is late and nobody tells me anything, this is ridiculous!!', 'delivery'],
  ])(
    'acknowledges "%s", then offers a person; the ticket is %s, severity high, priority high',
    async (text, category) => {
      const { adapter, ticketQueries } = botHarness(ctx.db, options);
      await adapter
        .send(say(text))
        .assertReply(R.complaintAcknowledgeHigh)
        .assertReply((a) => expect(a.text).toContain(R.handoffConfirm))
        .send(say('yes'))
        .assertReply(R.askName)
        .send(say('skip'))
        .assertReply(R.askEmail)
        .send(say('skip'))
        .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }));
      const { ticket } = await ticketQueries.get('T-1001');
      expect(ticket).toMatchObject({ reason: 'complaint', category, priority: 'high' });
      expect(await queueItem()).toMatchObject({ complaintSeverity: 'high', category, priority: 'high' });
    },
  );

  it.each([
    ['The kettle you sold me caught fire on the first use, it is dangerous!', 'damaged_product'],
    ['The charger exploded and burnt my hand, this is unsafe', 'damaged_product'],
  ])('acknowledges the critical "%s" and hands over at once: ticket %s, critical, urgent', async (text, category) => {
    const { adapter, ticketQueries } = botHarness(ctx.db, options);
    await adapter
      .send(say(text))
      .assertReply(R.complaintAcknowledgeCritical)
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }));
    expect((await ticketQueries.get('T-1001')).ticket).toMatchObject({
      reason: 'complaint',
      category,
      priority: 'urgent',
    });
    expect(await queueItem()).toMatchObject({ complaintSeverity: 'critical', worstSentiment: 'negative' });
  });

  it.each([['not great, my order is late'], ['my order is late and I am disappointed']])(
    'acknowledges the milder "%s", then answers it',
    async (text) => {
      const { adapter } = botHarness(ctx.db, options);
      const expected = analyze(text).complaint;
      expect(expected).toMatchObject({ isComplaint: true, severity: 'medium' });
      await adapter
        .send(say(text))
        .assertReply(R.complaintAcknowledgeMedium)
        .assertReply((a) => expect(a.text).toBe(FIXTURE_KB.entries.find((e) => e.id === 'order-delayed')?.answer))
        .assertReply(R.didThisHelp);
    },
  );

  it('gives a later handoff the complaint\'s category and priority, after "hello?" and a request for a person', async () => {
    const { adapter, ticketQueries } = botHarness(ctx.db, options);
    await adapter
      .send(say('Your rider was rude and threw the food at my door. Disgusting attitude, I am furious!'))
      .assertReply(R.complaintAcknowledgeHigh)
      .assertReply((a) => expect(a.text).toContain(R.handoffConfirm))
      .send(say('no'))
      .assertReply(R.handoffDeclined)
      .send(say('hello?'))
      .assertReply(() => {})
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('skip'))
      .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }));
    expect((await ticketQueries.get('T-1001')).ticket).toMatchObject({
      reason: 'requested',
      category: 'staff_service',
      priority: 'high',
    });
    // The last message was calm, but the queue shows the worst one and the complaint's severity.
    expect(await queueItem()).toMatchObject({ worstSentiment: 'negative', complaintSeverity: 'high' });
  });

  // Before: the apology ("…let me help you put it right"), then "Sorry, I didn't quite get that".
  it.each([
    ['the zip on my dress broke after one wear, not impressed', 'medium', 'normal'],
    ['the sofa cushions came stained, quite disappointed', 'medium', 'normal'],
    ['your website keeps logging me out, so annoying', 'medium', 'normal'],
    ['I was overcharged on my last bill', 'medium', 'normal'],
    ['my parcel was left in the rain and everything is soaked', 'low', 'low'],
  ])(
    'after acknowledging "%s", which the knowledge has no answer for, offers a person instead of "I didn\'t get that"',
    async (text, severity, priority) => {
      const expected = analyze(text).complaint;
      expect(expected).toMatchObject({ isComplaint: true, severity });
      const { adapter, ticketQueries } = botHarness(ctx.db, options);
      const acknowledgement = severity === 'low' ? R.complaintAcknowledgeLow : R.complaintAcknowledgeMedium;
      await adapter
        .send(say(text))
        .assertReply(acknowledgement)
        .assertReply((a) => expect(a.text).toBe(`${R.handoffConfirm} (1) Yes or (2) No`))
        .assertNoReply()
        .send(say('yes'))
        .assertReply(R.askName)
        .send(say('skip'))
        .assertReply(R.askEmail)
        .send(say('skip'))
        .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }));
      const { ticket } = await ticketQueries.get('T-1001');
      expect(ticket).toMatchObject({ reason: 'complaint', category: expected.category, priority });
    },
  );

  it('gives the answer it held back when the customer declines the person a complaint was offered', async () => {
    const { adapter } = botHarness(ctx.db, options);
    const delayed = FIXTURE_KB.entries.find((e) => e.id === 'order-delayed')?.answer;
    await adapter
      // High severity: a person is offered before any routine answer (the scripted matcher has one).
      .send(say('my order is late and nobody tells me anything, this is ridiculous!!'))
      .assertReply(R.complaintAcknowledgeHigh)
      .assertReply((a) => expect(a.text).toContain(R.handoffConfirm))
      .send(say('no'))
      // Before: "No problem. I'm still here…", and the answer was never given.
      .assertReply((a) => expect(a.text).toBe(delayed))
      .assertNoReply();
  });

  it('says it is still there when a complaint with no answer in the knowledge is declined', async () => {
    const { adapter } = botHarness(ctx.db, options);
    await adapter
      .send(say('Your rider was rude and threw the food at my door. Disgusting attitude, I am furious!'))
      .assertReply(R.complaintAcknowledgeHigh)
      .assertReply((a) => expect(a.text).toContain(R.handoffConfirm))
      .send(say('no'))
      .assertReply(R.handoffDeclined);
  });

  it('keeps the conversation when the customer declines the offer after a complaint', async () => {
    const { adapter } = botHarness(ctx.db, options);
    await adapter
      .send(say('the sofa cushions came stained, quite disappointed'))
      .assertReply(R.complaintAcknowledgeMedium)
      .assertReply((a) => expect(a.text).toContain(R.handoffConfirm))
      .send(say('no thanks'))
      .assertReply(R.handoffDeclined)
      .send(say('where is my order?'))
      .assertReply((a) => expect(a.text).toBe(FIXTURE_KB.entries.find((e) => e.id === 'track-order')?.answer));
    expect(await ctx.db.selectFrom('tickets').select('id').execute()).toEqual([]);
  });

  it('does not acknowledge an ordinary question', async () => {
    const { adapter } = botHarness(ctx.db, options);
    await adapter
      .send(say('where is my order?'))
      .assertReply((a) => expect(a.text).toBe('Open **My orders** to follow your parcel.'))
      .assertReply(R.didThisHelp);
  });
});
