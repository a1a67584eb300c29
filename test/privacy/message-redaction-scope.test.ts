import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directLine,
  openStream,
  type StreamClient,
  startConversation,
  type WireActivity,
} from '../helpers/directline.ts';
import { failInserts } from '../helpers/failing-insert.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

interface Row {
  id: number;
  text: string | null;
  activity_id: string | null;
  created_at: string;
}

/**
 * An agent's redaction over real HTTP and the real database touches one message's copies only
 * (never another message with the same words: a "yes" typed in many turns), and is one
 * transaction: a failure part-way leaves every copy as it was.
 */
describe('agent redaction: that message only, all or nothing', () => {
  onlyNockedOutsideServers();
  let server: RunningApp;
  let agentToken: string;
  let reference: string;
  let conversationId: string;
  let stream: StreamClient;
  let say: (text: string) => Promise<void>;

  const redact = async (messageId: number, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${server.url}/api/agent/tickets/${reference}/messages/${messageId}/redact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  const customerMessages = async (text: string): Promise<Row[]> =>
    server.app.db
      .selectFrom('messages')
      .select(['id', 'text', 'activity_id', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .where('author', '=', 'customer')
      .where('text', '=', text)
      .orderBy('id')
      .execute();

  const eventsWith = async (text: string): Promise<Array<{ text: string; messageId?: number }>> =>
    (await server.app.db.selectFrom('ticket_events').select('data').where('type', '=', 'customer_message').execute())
      .map((e) => JSON.parse(e.data) as { text: string; messageId?: number })
      .filter((d) => d.text === text);

  const activitiesWith = async (text: string): Promise<string[]> =>
    (
      await server.app.db
        .selectFrom('directline_activity')
        .select('activity')
        .where('conversation_id', '=', conversationId)
        .execute()
    )
      .map((r) => JSON.parse(r.activity) as WireActivity)
      .filter((a) => a.text === text)
      .map((a) => a.id);

  beforeAll(async () => {
    nock('https://hooks.example.test').persist().post('/scope').reply(200, {});
    server = await startApp({ AGENT_WEBHOOK_URL: 'https://hooks.example.test/scope', HANDOFF_TIMEOUT_SECONDS: '3600' });
    ({ token: agentToken } = await server.app.agents.create({
      name: 'Scope Agent',
      email: 's@example.com',
      role: 'agent',
    }));
    const conversation = await startConversation(server.url, { id: 'scope-customer', name: '' });
    conversationId = conversation.conversationId;
    stream = await openStream(conversation.streamUrl);
    say = async (text: string) => {
      const res = await directLine(
        server.url,
        'POST',
        `/conversations/${conversationId}/activities`,
        conversation.token,
        {
          type: 'message',
          from: { id: 'scope-customer' },
          text,
        },
      );
      expect(res.status).toBe(200);
    };
    const botSaid = (a: WireActivity[], words: string) =>
      a.some((x) => x.from.role !== 'user' && (x.text ?? '').includes(words));
    await say('where is my parcel?');
    await say('talk to a human');
    await stream.waitFor((a) => botSaid(a, 'What name should they use'));
    await say('Casey');
    await stream.waitFor((a) => botSaid(a, 'which email address'));
    await say('skip');
    const afterTicket = await stream.waitFor((a) => a.some((x) => x.type === 'event' && x.name === 'handoff.initiate'));
    reference = /T-\d+/.exec(afterTicket.map((a) => a.text ?? '').join(' '))?.[0] ?? '';
    expect(reference).toMatch(/^T-\d+$/);
  });
  afterAll(async () => {
    stream?.close();
    await server?.stop();
    nock.cleanAll();
  });

  /** Says `text` three times in the live chat and waits until each reached the ticket. */
  async function sayThrice(text: string): Promise<Row[]> {
    for (let i = 0; i < 3; i += 1) await say(text);
    await expect.poll(async () => (await eventsWith(text)).length, { timeout: 10_000 }).toBe(3);
    const rows = await customerMessages(text);
    expect(rows).toHaveLength(3);
    return rows;
  }

  const SAME_WORDS: ReadonlyArray<[string, string, { text: string } | undefined, string]> = [
    ['a button label redacted whole', 'Yes', undefined, '[redacted by an agent]'],
    ['a short reply redacted whole', 'ok thanks', undefined, '[redacted by an agent]'],
    [
      'a longer sentence redacted whole',
      'it still has not arrived, three weeks now',
      undefined,
      '[redacted by an agent]',
    ],
    ['a part of a repeated code', 'my locker code is KX-2291', { text: 'KX-2291' }, 'my locker code is [redacted]'],
  ];

  it.each(SAME_WORDS)(
    'replaces only the chosen one of three identical messages: %s',
    async (_what, text, body, expected) => {
      const [first, middle, last] = await sayThrice(text);
      if (first === undefined || middle === undefined || last === undefined) throw new Error('three messages expected');
      const res = await redact(middle.id, body);
      expect(res).toEqual({ status: 200, body: { messageId: middle.id, text: expected, changed: true } });

      // The feedback records: the others keep their words.
      expect((await customerMessages(text)).map((r) => r.id)).toEqual([first.id, last.id]);
      // The ticket events: the one naming the chosen message changed, the other two did not.
      const events = await eventsWith(text);
      expect(events.map((e) => e.messageId)).toEqual([first.id, last.id]);
      expect((await eventsWith(expected)).map((e) => e.messageId)).toContain(middle.id);
      // The transcript: the other two activities still say it.
      expect(await activitiesWith(text)).toEqual([first.activity_id, last.activity_id]);
      // The notification bodies quote the others, never the chosen one, in clear.
      const outbox = (await server.app.db.selectFrom('notifications_outbox').select('payload').execute()).map(
        (r) => JSON.parse(r.payload) as { recentMessages: Array<{ text: string; at: string }> },
      );
      for (const payload of outbox)
        for (const quote of payload.recentMessages)
          if (quote.at === middle.created_at) expect(quote.text).not.toBe(text);
    },
  );

  it('leaves every copy as it was when a write fails part-way, then redacts on a retry', async () => {
    const secret = 'my PIN is 4471, do not share';
    await say(secret);
    await expect.poll(async () => (await eventsWith(secret)).length, { timeout: 10_000 }).toBe(1);
    const [message] = await customerMessages(secret);
    if (message === undefined) throw new Error('message expected');
    const dump = async () =>
      JSON.stringify([
        await server.app.db.selectFrom('messages').selectAll().orderBy('id').execute(),
        await server.app.db.selectFrom('ticket_events').selectAll().orderBy('id').execute(),
        await server.app.db.selectFrom('tickets').selectAll().orderBy('id').execute(),
        await server.app.db.selectFrom('notifications_outbox').select(['id', 'payload']).orderBy('id').execute(),
        await server.app.db.selectFrom('directline_activity').selectAll().orderBy('seq').execute(),
      ]);
    const before = await dump();
    expect(before).toContain(secret);
    // The transcript's last write (the updated copy clients are sent) fails, after the others were made.
    const restore = await failInserts(server.app.db, 'directline_activity', 'transcript down');
    try {
      expect((await redact(message.id, { text: '4471' })).status).toBe(500);
    } finally {
      await restore();
    }
    expect(await dump()).toBe(before);

    expect((await redact(message.id, { text: '4471' })).status).toBe(200);
    const after = await dump();
    expect(after).not.toContain('4471');
    expect(after).toContain('my PIN is [redacted], do not share');
  });
});
