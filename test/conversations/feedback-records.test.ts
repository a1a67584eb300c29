import { beforeAll, describe, expect, it } from 'vitest';
import { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';
import { botHarness } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;

describe('feedback records', () => {
  const ctx = freshDatabaseEachTest();

  it('stores exactly what was said, by whom, in order, with the match outcome of each question', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    await adapter
      .send({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'User' }] })
      .assertReply(R.greeting)
      .send('where is my order?')
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send('Yes')
      .assertReply(R.thanksForFeedback)
      .send('blorp')
      .assertReply(R.fallback);

    const rows = await feedback.transcript('Convo1');
    expect(rows.map((r) => [r.direction, r.author, r.activityType, r.text])).toEqual([
      ['inbound', 'customer', 'conversationUpdate', null],
      ['outbound', 'bot', 'message', R.greeting],
      ['inbound', 'customer', 'message', 'where is my order?'],
      ['outbound', 'bot', 'message', 'Open **My orders** to follow your parcel.'],
      ['outbound', 'bot', 'message', R.didThisHelp],
      ['inbound', 'customer', 'message', 'Yes'],
      ['outbound', 'bot', 'message', R.thanksForFeedback],
      ['inbound', 'customer', 'message', 'blorp'],
      ['outbound', 'bot', 'message', R.fallback],
    ]);
    const question = rows[2];
    expect(question?.match).toEqual({
      kind: 'answer',
      entryId: 'track-order',
      confidence: 0.9,
      candidates: [
        { entryId: 'track-order', confidence: 0.9 },
        { entryId: 'order-delayed', confidence: 0.06 },
        { entryId: 'return-item', confidence: 0.02 },
      ],
    });
    expect(question?.helpful).toBe(true);
    // The question's record names the entry that answered it (the answer's record does too).
    expect(question?.answeredEntryId).toBe('track-order');
    expect(rows[3]?.answeredEntryId).toBe('track-order');
    expect(rows[5]?.answeredEntryId).toBeNull();
    expect(rows[7]?.answeredEntryId).toBeNull();
    expect(rows[3]?.replyToId).toBe(question?.activityId);
    expect(rows[7]?.match).toMatchObject({ kind: 'no-match', entryId: 'return-item' });
    expect(new Set(rows.map((r) => r.customerId))).toEqual(new Set([rows[0]?.customerId]));
  });

  it('creates the customer on first contact and updates last seen on the next message', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter.send('blorp').assertReply(R.fallback);
    const before = await ctx.db.selectFrom('customers').selectAll().execute();
    expect(before).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 5));
    await adapter.send('blorp again').assertReply(() => {});
    const after = await ctx.db.selectFrom('customers').selectAll().execute();
    expect(after).toHaveLength(1);
    expect((after[0]?.last_seen_at ?? '') > (before[0]?.last_seen_at ?? '')).toBe(true);
    const identities = await ctx.db.selectFrom('customer_identities').selectAll().execute();
    expect(identities).toEqual([{ channel_id: 'test', channel_user_id: 'user1', customer_id: after[0]?.id }]);
  });

  it('stores a 10,000-character message whole and still answers it', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    const long = `where is my order? ${'a very long story '.repeat(600)}`.slice(0, 10_000);
    await adapter
      .send(long)
      .assertReply(() => {})
      .assertReply(R.didThisHelp);
    const stored = (await feedback.transcript('Convo1'))[0];
    expect(stored?.text).toHaveLength(10_000);
    expect(stored?.text).toBe(long);
  });

  it('stores hostile text verbatim, as data', async () => {
    const { adapter, feedback } = botHarness(ctx.db);
    const hostile = `'); drop table messages; -- <script>alert(1)</script>`;
    await adapter.send(hostile).assertReply(R.fallback);
    expect((await feedback.transcript('Convo1'))[0]?.text).toBe(hostile);
  });
});

describe('feedback records with sentiment and complaint analysis', () => {
  const ctx = freshDatabaseEachTest();
  let analyzer: MessageAnalyzer;
  beforeAll(async () => {
    analyzer = await MessageAnalyzer.load(FIXTURE_KNOWLEDGE_DIR);
  });

  it('stores each customer message with its sentiment and complaint columns, and nothing on bot messages', async () => {
    const { adapter } = botHarness(ctx.db, { analyze: (text) => analyzer.analyze(text) });
    await adapter
      .send('where is my order?')
      .assertReply(() => {})
      .assertReply(R.didThisHelp)
      .send('Thanks so much, that was really helpful!')
      .assertReply(() => {})
      .send('This is the THIRD time I ask and my parcel still has not arrived!!! Unacceptable.')
      .assertReply(() => {});
    const rows = await ctx.db
      .selectFrom('messages')
      .select([
        'direction',
        'text',
        'sentiment_label',
        'sentiment_comparative',
        'is_complaint',
        'complaint_category',
        'complaint_severity',
      ])
      .orderBy('id')
      .execute();
    const inbound = rows.filter((r) => r.direction === 'inbound');
    expect(inbound.map((r) => [r.sentiment_label, r.is_complaint])).toEqual([
      ['neutral', 0],
      ['positive', 0],
      ['negative', 1],
    ]);
    expect(inbound[2]).toMatchObject({ complaint_category: 'delivery' });
    expect(['medium', 'high', 'critical']).toContain(inbound[2]?.complaint_severity);
    expect(inbound[2]?.sentiment_comparative ?? 0).toBeLessThan(0);
    for (const row of rows.filter((r) => r.direction === 'outbound')) {
      expect([row.sentiment_label, row.is_complaint, row.complaint_category]).toEqual([null, null, null]);
    }
  });
});
