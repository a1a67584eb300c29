import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnswerMatcher } from '../../src/knowledge/matching/answer-matcher.ts';
import { recordCommits } from '../helpers/commit-ledger.ts';
import { type Conversation, postActivity, startConversation } from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

/** What customers write while a person has the chat: questions the bot could answer, complaints, chatter. */
const MESSAGES_TO_THE_AGENT = [
  'where is my order?',
  'how do I return an item?',
  'this is the third time I ask, my parcel never arrived and I am furious',
  'ok thanks',
  'can you refund me to my card please',
];

describe('a customer message during a live handoff', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp({ HANDOFF_TIMEOUT_SECONDS: '3600' });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function say(conversation: Conversation, text: string): Promise<void> {
    const res = await postActivity(server.url, conversation, { type: 'message', from: { id: 'customer' }, text });
    expect(res.status).toBe(200);
  }

  /** A conversation whose ticket a person holds (handoff pending), as after "talk to a human". */
  async function handedOff(): Promise<{ conversation: Conversation; reference: string }> {
    const conversation = await startConversation(server.url);
    await say(conversation, 'hello');
    const [first] = await server.app.feedback.transcript(conversation.conversationId);
    if (first?.customerId == null) throw new Error('the greeting turn stored no customer');
    const { ticket } = await server.app.tickets.escalate({
      conversationId: conversation.conversationId,
      customerId: first.customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'help',
    });
    await server.app.handoffs.start(ticket.reference);
    return { conversation, reference: ticket.reference };
  }

  it.each(MESSAGES_TO_THE_AGENT)('"%s": goes to the ticket without running the matcher', async (text) => {
    const { conversation, reference } = await handedOff();
    const match = vi.spyOn(AnswerMatcher.prototype, 'match');
    await say(conversation, text);
    expect(match).not.toHaveBeenCalled();
    const detail = await server.app.ticketQueries.get(reference);
    expect(detail.events.filter((e) => e.type === 'customer_message').map((e) => e.data.text)).toEqual([text]);
  });

  // The statement ledger (test/helpers/commit-ledger.ts) watches the sqlite3 driver, so the counts below are SQLite's.
  it.skipIf(ON_POSTGRES).each(MESSAGES_TO_THE_AGENT)(
    '"%s": keeps the sentiment and complaint the agent console shows, reads the ticket once and no sentiment trend',
    async (text) => {
      const { conversation } = await handedOff();
      const ledger = recordCommits();
      try {
        await say(conversation, text);
      } finally {
        ledger.restore();
      }
      const reads = ledger.events.flatMap((e) => (e.kind === 'read' ? [e.sql] : []));
      expect(reads.filter((sql) => /from "tickets"/.test(sql))).toHaveLength(1);
      expect(reads.filter((sql) => /"sentiment_comparative" from "messages"/.test(sql))).toEqual([]);
      const records = await server.app.feedback.transcript(conversation.conversationId);
      const stored = records.findLast((r) => r.direction === 'inbound');
      expect(stored?.text).toBe(text);
      expect(stored?.sentiment).not.toBeNull();
      expect(stored?.complaint).not.toBeNull();
    },
  );

  it.skipIf(ON_POSTGRES)(
    'runs the matcher and the sentiment trend when the bot has the chat (the check above can fail)',
    async () => {
      const conversation = await startConversation(server.url);
      const match = vi.spyOn(AnswerMatcher.prototype, 'match');
      const ledger = recordCommits();
      try {
        await say(conversation, 'where is my order?');
      } finally {
        ledger.restore();
      }
      expect(match).toHaveBeenCalled();
      const reads = ledger.events.flatMap((e) => (e.kind === 'read' ? [e.sql] : []));
      expect(reads.filter((sql) => /"sentiment_comparative" from "messages"/.test(sql))).toHaveLength(1);
    },
  );
});
