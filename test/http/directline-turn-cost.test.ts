import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DatabaseStorage } from '../../src/bot/database-storage.ts';
import { messageActivity, postJson } from '../helpers/activity.ts';
import { recordCommits } from '../helpers/commit-ledger.ts';
import {
  type Conversation,
  directLine,
  openStream,
  postActivity,
  startConversation,
  type WireActivity,
} from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

const CHANNEL_SERVICE_URL = 'https://connector.example.test/';

async function say(server: RunningApp, conversation: Conversation, text: string): Promise<string> {
  const res = await postActivity(server.url, conversation, { type: 'message', from: { id: 'customer' }, text });
  expect(res.status).toBe(200);
  return (res.body as { id: string }).id;
}

async function transcript(server: RunningApp, conversation: Conversation): Promise<WireActivity[]> {
  const res = await directLine(
    server.url,
    'GET',
    `/conversations/${conversation.conversationId}/activities`,
    conversation.token,
  );
  return (res.body as { activities: WireActivity[] }).activities;
}

/** Questions the fixture knowledge answers outright (an answer and "Did this help?"). */
const ANSWERED_QUESTIONS = ['where is my order?', 'how do I track my parcel', 'can I return an item?'];

describe('a Direct Line turn', () => {
  let server: RunningApp;
  /** Every host:port something in this process connected to (nock sees them all, fetch included). */
  const contacted: string[] = [];
  beforeAll(async () => {
    // The nocked Connector stands in for a real channel's, which /api/messages reaches in local mode.
    server = await startApp({ LOCAL_SERVICE_URLS: `loopback,${new URL(CHANNEL_SERVICE_URL).origin}` });
    const publicHost = new URL(server.url).host;
    nock.disableNetConnect();
    nock.enableNetConnect((host) => {
      contacted.push(host);
      return host === publicHost;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await server.stop();
  });

  it.each(ANSWERED_QUESTIONS)(
    'delivers the replies to "%s" in-process: no HTTP request but the client\'s',
    async (question) => {
      const conversation = await startConversation(server.url);
      contacted.length = 0;
      const id = await say(server, conversation, question);
      const replies = (await transcript(server, conversation)).filter((a) => a.replyToId === id);
      expect(replies.map((a) => a.from.role)).toEqual(['bot', 'bot']);
      expect(replies[1]?.text).toBe('Did this help?');
      expect(new Set(contacted)).toEqual(new Set([new URL(server.url).host]));
    },
  );

  it("still posts a real channel's replies to its serviceUrl over HTTP", async () => {
    let posted: { text?: string; replyToId?: string } = {};
    const connector = nock(CHANNEL_SERVICE_URL)
      .post('/v3/conversations/conv-77/activities/incoming-7', (body) => {
        posted = body as typeof posted;
        return true;
      })
      .reply(200, { id: 'reply-7' });
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('qwxz zzkv vvvq', {
        id: 'incoming-7',
        conversation: { id: 'conv-77' },
        serviceUrl: CHANNEL_SERVICE_URL,
      }),
    );
    expect(res.status).toBe(200);
    expect(connector.isDone()).toBe(true);
    expect(posted.replyToId).toBe('incoming-7');
    expect(posted.text).toMatch(/Could you say it another way\?/);
  });

  // The statement ledger (test/helpers/commit-ledger.ts) watches the sqlite3 driver: SQLite's commits.
  it.skipIf(ON_POSTGRES).each(ANSWERED_QUESTIONS)(
    'commits "%s" in three commits (the customer\'s activity, its inbound record, the turn) and one WAL sync, 25 statements',
    async (question) => {
      const conversation = await startConversation(server.url);
      await say(server, conversation, 'hello'); // the conversation's first records are not a typical turn
      const ledger = recordCommits();
      try {
        await say(server, conversation, question);
        ledger.mark('answered');
      } finally {
        ledger.restore();
      }
      // Before one transaction per turn: 12 commits (8 transactions, 4 single writes), the sync included.
      // Then 3 (the activity, the turn, a FULL commit for the durable sync) in 33 statements. Now the
      // inbound record commits ahead of the turn (so the turn's transaction begins at its replies),
      // with its findings in the same insert, and the durable sync is an fdatasync of the WAL: no SQL
      // (27 statements). A returning customer is now found and marked seen in one update (26). The
      // answered entry is stored with the message's outcome, in the write at the turn's end (25).
      expect(ledger.commits()).toHaveLength(3);
      expect(ledger.fileSyncs('fdatasync')).toBe(1);
      expect(ledger.durableAtMarks()).toEqual([expect.objectContaining({ label: 'answered', durable: true })]);
      expect(ledger.statements()).toBe(25);
    },
  );

  it('rolls a failing turn back whole, then keeps the message and stores and shows the apology once', async () => {
    const conversation = await startConversation(server.url);
    const stream = await openStream(conversation.streamUrl);
    // The bot state's write at the end of the turn fails, after the replies went out.
    const failure = vi.spyOn(DatabaseStorage.prototype, 'write').mockRejectedValue(new Error('disk on fire'));
    const id = await say(server, conversation, 'where is my order?');
    // Ran twice: in the turn's transaction (rolled back), then with each write its own. Each run
    // writes the state twice: at the turn's end, then the error handler clearing it.
    expect(failure).toHaveBeenCalledTimes(4);
    const replies = (await transcript(server, conversation)).filter((a) => a.replyToId === id);
    // The rerun's replies (the answer and what follows it) and then the error handler's apology,
    // each once: nothing of the rolled-back run is shown.
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(replies.map((a) => a.text)).size).toBe(replies.length);
    expect(replies[0]?.text).toMatch(/track|order/i);
    expect(replies.at(-1)?.text).toMatch(/sorry/i);
    expect(replies.filter((a) => /sorry/i.test(a.text ?? ''))).toHaveLength(1);
    const seen = await stream.waitFor((activities) => activities.some((a) => a.id === replies.at(-1)?.id));
    expect(seen.filter((a) => a.replyToId === id)).toEqual(replies);
    stream.close();

    const records = await server.app.feedback.transcript(conversation.conversationId);
    const inbound = records.filter((r) => r.direction === 'inbound' && r.activityId === id);
    expect(inbound.map((r) => r.text)).toEqual(['where is my order?']);
    // The rerun's outcome write stored the entry its answer came from.
    expect(inbound[0]?.answeredEntryId).toBe('track-order');
    const outbound = records.filter((r) => r.direction === 'outbound' && r.replyToId === id);
    expect(outbound.map((r) => r.activityId)).toEqual(replies.map((a) => a.id));
  });
});
