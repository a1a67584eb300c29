import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/audit/audit-trail.ts';
import { MessageRedactionRepository } from '../../src/privacy/message-redaction.repository.ts';
import { MessageRedactionService } from '../../src/privacy/message-redaction.service.ts';
import {
  directLine,
  openStream,
  type StreamClient,
  startConversation,
  type WireActivity,
} from '../helpers/directline.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const QUESTION_SECRET = 'OKAPI-7781';
const LIVE_SECRET = 'ZEBRA-5521';

interface TranscriptRow {
  id: number;
  author: string;
  text: string | null;
}

/**
 * `POST /api/agent/tickets/:ref/messages/:messageId/redact` over real HTTP, on a ticket opened
 * through Direct Line: the text goes from every table, open chats get the update, repeats are
 * harmless, and bad requests get a 4xx naming what was wrong.
 */
describe('agent redaction after the fact', () => {
  onlyNockedOutsideServers();
  let server: RunningApp;
  let agentToken: string;
  let adminToken: string;
  let reference: string;
  let stream: StreamClient;
  let transcript: TranscriptRow[];

  async function redact(
    ref: string,
    messageId: number | string,
    body?: unknown,
    token = agentToken,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${server.url}/api/agent/tickets/${ref}/messages/${messageId}/redact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function dump(): Promise<string> {
    const { db } = server.app;
    return JSON.stringify([
      await db.selectFrom('messages').selectAll().execute(),
      await db.selectFrom('directline_activity').selectAll().execute(),
      await db.selectFrom('tickets').selectAll().execute(),
      await db.selectFrom('ticket_events').selectAll().execute(),
      await db.selectFrom('notifications_outbox').selectAll().execute(),
    ]);
  }

  const messageWith = (words: string): TranscriptRow => {
    const row = transcript.find((m) => m.author === 'customer' && (m.text ?? '').includes(words));
    if (row === undefined) throw new Error(`no customer message with "${words}"`);
    return row;
  };

  beforeAll(async () => {
    nock('https://hooks.example.test').persist().post('/redact').reply(200, {});
    server = await startApp({
      AGENT_WEBHOOK_URL: 'https://hooks.example.test/redact',
      HANDOFF_TIMEOUT_SECONDS: '3600',
    });
    ({ token: agentToken } = await server.app.agents.create({
      name: 'Red Agent',
      email: 'red@example.com',
      role: 'agent',
    }));
    ({ token: adminToken } = await server.app.agents.create({
      name: 'Red Admin',
      email: 'boss@example.com',
      role: 'admin',
    }));
    const conversation = await startConversation(server.url, { id: 'redact-customer', name: '' });
    stream = await openStream(conversation.streamUrl);
    const say = async (text: string): Promise<void> => {
      const res = await directLine(
        server.url,
        'POST',
        `/conversations/${conversation.conversationId}/activities`,
        conversation.token,
        {
          type: 'message',
          from: { id: 'redact-customer' },
          text,
        },
      );
      expect(res.status).toBe(200);
    };
    const botSaid = (a: WireActivity[], words: string) =>
      a.some((x) => x.from.role !== 'user' && (x.text ?? '').includes(words));
    await say(`where is my parcel? my locker code is ${QUESTION_SECRET}`);
    await say('talk to a human');
    await stream.waitFor((a) => botSaid(a, 'What name should they use'));
    await say('Casey');
    await stream.waitFor((a) => botSaid(a, 'which email address'));
    await say('skip');
    const afterTicket = await stream.waitFor((a) => a.some((x) => x.type === 'event' && x.name === 'handoff.initiate'));
    reference = /T-\d+/.exec(afterTicket.map((a) => a.text ?? '').join(' '))?.[0] ?? '';
    await say(`my door code is ${LIVE_SECRET}, please hurry`);
    for (let i = 0; i < 100 && !(await dump()).includes('customer_message'); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    const detail = await fetch(`${server.url}/api/agent/tickets/${reference}`, {
      headers: { authorization: `Bearer ${agentToken}` },
    });
    transcript = ((await detail.json()) as { transcript: TranscriptRow[] }).transcript;
  });
  afterAll(async () => {
    stream?.close();
    await server?.stop();
    nock.cleanAll();
  });

  it('redacts a part of a message everywhere, updates the open chat, and is idempotent', async () => {
    const target = messageWith(LIVE_SECRET);
    expect(await dump()).toContain(LIVE_SECRET);
    const first = await redact(reference, target.id, { text: LIVE_SECRET });
    expect(first).toEqual({
      status: 200,
      body: { messageId: target.id, text: 'my door code is [redacted], please hurry', changed: true },
    });
    expect(await dump()).not.toContain(LIVE_SECRET);
    // The open chat receives the activity again under its own id, with the new text (Web Chat replaces it).
    const updated = await stream.waitFor((a) => a.some((x) => x.text === 'my door code is [redacted], please hurry'));
    const copies = updated.filter((x) => x.from.role === 'user' && (x.text ?? '').includes('my door code'));
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(copies.map((x) => x.id)).size).toBe(1);
    expect(copies.at(-1)?.text).toBe('my door code is [redacted], please hurry');
    // Counted on the record.
    const row = await server.app.db
      .selectFrom('messages')
      .select('redactions')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.redactions ?? '{}')).toEqual({ agent: 1 });

    const again = await redact(reference, target.id, { text: LIVE_SECRET });
    expect(again).toEqual({
      status: 200,
      body: { messageId: target.id, text: 'my door code is [redacted], please hurry', changed: false },
    });
  });

  it('redacts a whole message, also where it is quoted as the ticket subject, for an admin too', async () => {
    const target = messageWith(QUESTION_SECRET);
    const ticketBefore = await server.app.db
      .selectFrom('tickets')
      .select('subject')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(ticketBefore.subject).toContain(QUESTION_SECRET);
    const res = await redact(reference, target.id, undefined, adminToken);
    expect(res).toEqual({ status: 200, body: { messageId: target.id, text: '[redacted by an agent]', changed: true } });
    const after = await dump();
    expect(
      after,
      after.slice(Math.max(0, after.indexOf(QUESTION_SECRET) - 300), after.indexOf(QUESTION_SECRET) + 100),
    ).not.toContain(QUESTION_SECRET);
    const ticket = await server.app.db
      .selectFrom('tickets')
      .select('subject')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(ticket.subject).toBe('[redacted by an agent]');
    expect((await redact(reference, target.id)).body.changed).toBe(false);
  });

  const BAD_REQUESTS: ReadonlyArray<[string, number, RegExp, () => [string, number | string, unknown]]> = [
    ['an unknown ticket', 404, /There is no ticket T-9999/, () => ['T-9999', messageWith('Casey').id, undefined]],
    ['a message of no ticket of that conversation', 404, /no message 999999/, () => [reference, 999_999, undefined]],
    [
      'a message id that is not a number',
      400,
      /messageId: must be a positive whole number/,
      () => [reference, 'abc', undefined],
    ],
    [
      'an empty part',
      400,
      /text: the part of the message to redact/,
      () => [reference, messageWith('Casey').id, { text: '  ' }],
    ],
    [
      'a part the message does not hold',
      400,
      /text: message \d+ does not contain the text to redact/,
      () => [reference, messageWith('Casey').id, { text: 'Jones' }],
    ],
    ['an unknown field', 400, /txt/, () => [reference, messageWith('Casey').id, { txt: 'Casey' }]],
  ];

  it.each(BAD_REQUESTS)('answers %s with a %i naming it', async (_what, status, message, args) => {
    const [ref, id, body] = args();
    const res = await redact(ref, id, body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).toMatch(message);
  });

  it('refuses a request without an agent token', async () => {
    expect((await redact(reference, messageWith('Casey').id, undefined, 'not-a-token')).status).toBe(401);
  });

  it('records message.redact through the audit trail it is given', async () => {
    const events: AuditEvent[] = [];
    const service = new MessageRedactionService({
      repository: new MessageRedactionRepository(server.app.db),
      audit: { record: async (event) => void events.push(event) },
    });
    const target = messageWith('Casey');
    await service.redact({
      reference,
      messageId: target.id,
      part: 'Casey',
      actor: { kind: 'agent', agentId: 7, name: 'Red Agent' },
      address: '203.0.113.9',
    });
    expect(events).toEqual([
      {
        actor: { kind: 'agent', agentId: 7, name: 'Red Agent' },
        action: 'message.redact',
        target: { type: 'message', id: String(target.id) },
        address: '203.0.113.9',
        detail: { ticket: reference, whole: false },
      },
    ]);
  });
});
