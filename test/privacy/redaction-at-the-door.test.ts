import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { LiveRedactor } from '../../src/privacy/live-redactor.ts';
import { messageActivity, postJson } from '../helpers/activity.ts';
import { directLine, openStream, startConversation, type WireActivity } from '../helpers/directline.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { makeTempDir, testConfig } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

/** Unique strings that must never be stored or logged in clear (card numbers pass Luhn). */
const CARD = '4539 1488 0343 6467';
const CARD_MASKED = '4539 14** **** 6467';
const LIVE_CARD = '5105-1051-0510-5100';
const NOTE_CARD = '6011000990139424';
const PHONE = '+44 20 7946 0958';
const EMAIL = 'casey.door@example.com';
const MEMBER = 'MEM-424242';
const API_CARD = '378282246310005';
const CLEAR = [
  CARD,
  CARD.replace(/ /g, ''),
  LIVE_CARD,
  LIVE_CARD.replace(/-/g, ''),
  NOTE_CARD,
  PHONE,
  API_CARD,
  MEMBER,
];

/**
 * Every place customer (and agent) text is stored, over the real app: Direct Line posts through a
 * handoff and a live chat, `/api/messages`, an agent's note, the webhook outbox, and the log. The
 * clear strings are absent from every table, from the database files' bytes and from the log; the
 * customer's own email stays only in the CRM (customers and the notification's customer field).
 */
describe('redaction at the door', () => {
  onlyNockedOutsideServers();
  let app: App;
  let url: string;
  let dir: string;
  let cleanup: () => void;
  const logLines: string[] = [];

  beforeAll(async () => {
    ({ dir, cleanup } = makeTempDir());
    const config = testConfig(dir, {
      LOG_LEVEL: 'debug',
      AGENT_WEBHOOK_URL: 'https://hooks.example.test/door',
      HANDOFF_TIMEOUT_SECONDS: '3600',
    });
    const redactor = new LiveRedactor(config.redactionTypes);
    const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) }, redactor);
    app = await createApp(config, logger, { redactor });
    const server = await app.start();
    url = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await app?.stop();
    cleanup?.();
  });

  async function tables(): Promise<Record<string, string>> {
    const dump = async (table: Parameters<App['db']['selectFrom']>[0]): Promise<string> =>
      JSON.stringify(await app.db.selectFrom(table).selectAll().execute());
    return {
      messages: await dump('messages'),
      directline_activity: await dump('directline_activity'),
      tickets: await dump('tickets'),
      ticket_events: await dump('ticket_events'),
      notifications_outbox: await dump('notifications_outbox'),
      bot_state: await dump('bot_state'),
      conversations: await dump('conversations'),
      handoff_requests: await dump('handoff_requests'),
      customers: await dump('customers'),
    };
  }

  it('masks cards, phones, emails and the admins’ patterns in every table, the database file and the log', async () => {
    nock('https://hooks.example.test').persist().post('/door').reply(200, {});
    const { agents } = app;
    const { token: agentToken } = await agents.create({ name: 'Door Agent', email: 'door@example.com', role: 'agent' });
    const conversation = await startConversation(url, { id: 'door-customer', name: '' });
    const stream = await openStream(conversation.streamUrl);
    const say = async (text: string): Promise<void> => {
      const res = await directLine(
        url,
        'POST',
        `/conversations/${conversation.conversationId}/activities`,
        conversation.token,
        {
          type: 'message',
          from: { id: 'door-customer' },
          text,
        },
      );
      expect(res.status).toBe(200);
    };
    const botSaid = (activities: WireActivity[], words: string): boolean =>
      activities.some((a) => a.type === 'message' && a.from.role !== 'user' && (a.text ?? '').includes(words));
    try {
      await say(`my card ${CARD} was charged twice, member ${MEMBER}, call ${PHONE}`);
      // The customer's own echo already shows the masked text.
      const echoed = await stream.waitFor((a) =>
        a.some((x) => x.from.role === 'user' && (x.text ?? '').includes('charged twice')),
      );
      const echo = echoed.find((x) => x.from.role === 'user' && (x.text ?? '').includes('charged twice'));
      expect(echo?.text).toBe(`my card ${CARD_MASKED} was charged twice, member [member], call [phone]`);
      await say('talk to a human');
      await stream.waitFor((a) => botSaid(a, 'What name should they use'));
      await say('Casey');
      await stream.waitFor((a) => botSaid(a, 'which email address'));
      await say(`it's ${EMAIL}`);
      const afterTicket = await stream.waitFor((a) =>
        a.some((x) => x.type === 'event' && x.name === 'handoff.initiate'),
      );
      const reference = /T-\d+/.exec(afterTicket.map((a) => a.text ?? '').join(' '))?.[0] ?? '';
      expect(reference).toMatch(/^T-\d+$/);
      // Live: the customer's message goes to the ticket as an event.
      await say(`oh and the other card ${LIVE_CARD}`);
      const agentCall = (path: string, body: unknown) =>
        fetch(`${url}/api/agent${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await agentCall(`/tickets/${reference}/notes`, { text: `customer read out ${NOTE_CARD}` })).status).toBe(
        201,
      );
      // Another channel: Bot Framework's /api/messages.
      const res = await postJson(
        `${url}/api/messages`,
        messageActivity(`card ${API_CARD}`, { deliveryMode: 'expectReplies', conversation: { id: 'door-api' } }),
      );
      expect(res.status).toBe(200);
      await expect
        .poll(async () => (await app.db.selectFrom('notifications_outbox').select('id').execute()).length, {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
    } finally {
      stream.close();
    }

    const stored = await tables();
    for (const [table, rows] of Object.entries(stored)) {
      for (const clear of CLEAR) expect(rows, `${table} holds ${clear}`).not.toContain(clear);
    }
    for (const table of ['messages', 'directline_activity', 'tickets', 'ticket_events', 'bot_state'] as const)
      expect(stored[table], `${table} holds the email`).not.toContain(EMAIL);
    // The email given at the prompt is where it belongs: the CRM field.
    expect(stored.customers).toContain(EMAIL);
    expect(stored.messages).toContain(CARD_MASKED);
    expect(stored.messages).toContain("it's [email]");
    expect(stored.ticket_events).toContain('5105-10**-****-5100');
    expect(stored.ticket_events).toContain('601100******9424');
    expect(stored.directline_activity).toContain('[member]');

    // Counted by type on the record.
    const counts = await app.db
      .selectFrom('messages')
      .select(['text', 'redactions'])
      .where('redactions', 'is not', null)
      .execute();
    expect(counts.map((r) => JSON.parse(r.redactions ?? '{}'))).toEqual(
      expect.arrayContaining([{ card: 1, 'member-id': 1, phone: 1 }, { email: 1 }, { card: 1 }]),
    );
    const activityCounts = await app.db
      .selectFrom('directline_activity')
      .select('redactions')
      .where('redactions', 'is not', null)
      .execute();
    expect(activityCounts.map((r) => JSON.parse(r.redactions ?? '{}'))).toEqual(
      expect.arrayContaining([{ card: 1, 'member-id': 1, phone: 1 }, { email: 1 }, { card: 1 }]),
    );

    // Nothing in the database files' bytes either (SQLite: main file and write-ahead log).
    if (!ON_POSTGRES) {
      const files = ['test.sqlite', 'test.sqlite-wal'].map((f) => {
        try {
          return readFileSync(`${dir}/${f}`).toString('latin1');
        } catch {
          return '';
        }
      });
      expect(files.join('').length).toBeGreaterThan(0);
      for (const clear of CLEAR)
        expect(
          files.some((bytes) => bytes.includes(clear)),
          clear,
        ).toBe(false);
    }

    // Nor in the log.
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    for (const clear of [...CLEAR, EMAIL]) expect(log).not.toContain(clear);
  });
});
