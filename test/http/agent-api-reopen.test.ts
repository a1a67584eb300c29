import type { Activity } from 'botbuilder';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { didYouMean, storeBotMessage } from '../helpers/bot-turn-fixture.ts';
import { directLine, openStream, startConversation, type WireActivity } from '../helpers/directline.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

interface ApiResponse {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

/**
 * Reopening a solved ticket, canned replies from the knowledge and the buttons bot messages
 * offered, through the agent API over real HTTP (and, for reopening, the real Direct Line protocol).
 */
describe('agent API: reopen, canned replies, offered buttons', () => {
  onlyNockedOutsideServers();
  let server: RunningApp;
  let token: string;
  let agentId: number;

  /** `bearer` null sends no Authorization header. */
  async function api(
    method: string,
    path: string,
    body?: unknown,
    bearer: string | null = token,
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}/api/agent${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiResponse['body'] };
  }

  async function solvedTicket(conversationId: string) {
    const { customerId } = await seedConversation(server.app.db, { conversationId, messages: ['my parcel is late'] });
    const { ticket } = await server.app.tickets.escalate({
      conversationId,
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'my parcel is late',
    });
    return server.app.tickets.update(ticket.reference, { version: ticket.version, status: 'solved' }, agentId);
  }

  beforeAll(async () => {
    server = await startApp({ HANDOFF_TIMEOUT_SECONDS: '3600' });
    const created = await server.app.agents.create({ name: 'Jane Agent', email: 'jane@example.com' });
    token = created.token;
    agentId = created.agent.id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('reopen (PATCH status: open)', () => {
    it('reopens a solved ticket at the version read, with an audit event, and refuses a stale version', async () => {
      const solved = await solvedTicket('reopen-1');
      const stale = await api('PATCH', `/tickets/${solved.reference}`, { version: solved.version - 1, status: 'open' });
      expect(stale.status).toBe(409);
      expect(stale.body.error?.code).toBe('version_conflict');

      const res = await api('PATCH', `/tickets/${solved.reference}`, { version: solved.version, status: 'open' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'open', solvedAt: null, version: solved.version + 1 });
      const detail = await api('GET', `/tickets/${solved.reference}`);
      const events = detail.body.events as Array<{ type: string; actor: string; data: unknown }>;
      expect(events.at(-1)).toMatchObject({
        type: 'status_changed',
        actor: `agent:${agentId}`,
        data: { from: 'solved', to: 'open' },
      });
    });

    it('refuses (409) to reopen a ticket whose conversation has another open ticket, and changes nothing', async () => {
      const solved = await solvedTicket('reopen-2');
      const { ticket: newer } = await server.app.tickets.escalate({
        conversationId: 'reopen-2',
        customerId: solved.customerId,
        reason: 'requested',
        priority: 'normal',
        subject: 'still waiting',
      });
      const res = await api('PATCH', `/tickets/${solved.reference}`, { version: solved.version, status: 'open' });
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({
        code: 'open_ticket_exists',
        message: `Ticket ${solved.reference} cannot be reopened: its conversation already has the open ticket ${newer.reference}. Continue there.`,
      });
      expect((await server.app.ticketQueries.byReference(solved.reference)).status).toBe('solved');
    });

    it('answers 401 to a reopen without a token', async () => {
      const solved = await solvedTicket('reopen-3');
      const res = await api('PATCH', `/tickets/${solved.reference}`, { version: solved.version, status: 'open' }, null);
      expect(res.status).toBe(401);
      expect((await server.app.ticketQueries.byReference(solved.reference)).status).toBe('solved');
    });

    it("sends the customer's next message to the reopened ticket instead of the bot", async () => {
      nock.disableNetConnect();
      nock.enableNetConnect(/127\.0\.0\.1|localhost/);
      const userId = 'customer-reopen';
      const conversation = await startConversation(server.url, { id: userId, name: '' });
      const stream = await openStream(conversation.streamUrl);
      const id = conversation.conversationId;
      const say = async (text: string) => {
        const res = await directLine(server.url, 'POST', `/conversations/${id}/activities`, conversation.token, {
          type: 'message',
          from: { id: userId },
          text,
        });
        expect(res.status).toBe(200);
      };
      const botTexts = (activities: WireActivity[]) =>
        activities.filter((a) => a.type === 'message' && a.from.id !== userId).map((a) => a.text ?? '');
      try {
        await say('where is my order?');
        await stream.waitFor((a) => botTexts(a).some((t) => t.includes('Track package')));
        await say('talk to a human');
        await stream.waitFor((a) => botTexts(a).some((t) => t.includes('What name should they use')));
        await say('skip');
        await stream.waitFor((a) => botTexts(a).some((t) => t.includes('which email address')));
        await say('skip');
        await stream.waitFor((a) => a.some((x) => x.type === 'event' && x.name === 'handoff.initiate'));
        const opened = await server.app.ticketQueries.openTicketOf(id);
        if (opened === undefined) throw new Error('no ticket was opened');
        // A real bot turn: the answer's follow-up buttons are in the agents' transcript.
        const kb = server.app.knowledge.snapshot().knowledgeBase;
        const track = kb.entries.find((e) => e.id === 'track-order');
        const transcript = (await api('GET', `/tickets/${opened.reference}`)).body.transcript as Array<{
          text: string | null;
          offered: string[];
        }>;
        expect(transcript.find((m) => m.text === track?.answer)?.offered).toEqual(
          track?.followUps.map((f) => kb.entries.find((e) => e.id === f)?.title),
        );
        const solve = await api('PATCH', `/tickets/${opened.reference}`, { version: opened.version, status: 'solved' });
        expect(solve.status).toBe(200);
        await stream.waitFor((a) => botTexts(a).some((t) => t.includes('How would you rate the help')));

        const reopened = await api('PATCH', `/tickets/${opened.reference}`, {
          version: solve.body.version,
          status: 'open',
        });
        expect(reopened.status).toBe(200);
        await say('it arrived broken after all');
        await expect
          .poll(async () => {
            const events = (await api('GET', `/tickets/${opened.reference}`)).body.events as Array<{
              type: string;
              data: { text?: string };
            }>;
            return events.filter((e) => e.type === 'customer_message').map((e) => e.data.text);
          })
          .toContain('it arrived broken after all');
        // The agent's reply reaches the chat again.
        const reply = await api('POST', `/tickets/${opened.reference}/replies`, { text: 'Sorry, sending a new one.' });
        expect(reply.status).toBe(201);
        await stream.waitFor((a) => botTexts(a).some((t) => t.includes('Sorry, sending a new one.')));
      } finally {
        stream.close();
      }
    });
  });

  describe('GET /knowledge/entries (canned replies)', () => {
    const titles = async (query: string) => {
      const res = await api('GET', `/knowledge/entries?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.entries as Array<{ title: string }>).map((e) => e.title);
    };

    it.each([
      ['a title word', 'q=refund', ['Get a refund', 'Where is my refund']],
      ['word prefixes in any order', 'q=ord%20tra', ['Track my order']],
      ['capitals', 'q=PASSWORD', ['Change my password', 'Forgot my password']],
      [
        'the start of a title first',
        'q=change',
        ['Change delivery address', 'Change items in an order', 'Change my password'],
      ],
      ['no match', 'q=zebra', []],
    ])('finds entries by %s', async (_name, query, expected) => {
      expect(await titles(query)).toEqual(expected);
    });

    it("returns each entry's answer text as the knowledge has it, and at most `limit`", async () => {
      const res = await api('GET', '/knowledge/entries?q=track');
      const kb = server.app.knowledge.snapshot().knowledgeBase;
      expect(res.body.entries).toEqual([
        { id: 'track-order', title: 'Track my order', answer: kb.entries.find((e) => e.id === 'track-order')?.answer },
      ]);
      expect(await titles('limit=3')).toHaveLength(3);
    });

    it.each([
      ['limit=0', 'limit: must be a whole number from 1 to 50 (got "0")'],
      ['limit=51', 'limit: must be a whole number from 1 to 50 (got "51")'],
      [`q=${'a'.repeat(201)}`, 'q: at most 200 characters (got 201)'],
      ['q=a&q=b', 'q: give it once, as a plain value'],
    ])('answers 400 to %s', async (query, message) => {
      const res = await api('GET', `/knowledge/entries?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBe(message);
    });

    it('answers 401 without a token', async () => {
      expect((await api('GET', '/knowledge/entries?q=track', undefined, null)).status).toBe(401);
    });
  });

  describe('the buttons bot messages offered, in the ticket transcript', () => {
    it.each<[string, Partial<Activity>, string[]]>([
      [
        'a "did you mean" list',
        didYouMean('Did you mean one of these?', ['Refund status', 'Return an item', 'None of these']),
        ['Refund status', 'Return an item', 'None of these'],
      ],
      [
        "a card's buttons",
        {
          type: 'message',
          text: 'Pick one',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.hero',
              content: { buttons: [{ type: 'imBack', title: 'Track my order', value: 'track' }] },
            },
          ],
        },
        ['Track my order'],
      ],
      [
        'an action with an empty title, by its value',
        {
          type: 'message',
          text: 'Rate us',
          suggestedActions: { to: [], actions: [{ type: 'imBack', title: ' ', value: '5' }] },
        },
        ['5'],
      ],
      [
        'hostile titles, as text',
        didYouMean('Which?', ['<img src=x onerror=alert(1)>']),
        ['<img src=x onerror=alert(1)>'],
      ],
      ['no buttons', { type: 'message', text: 'Plain answer' }, []],
    ])('lists %s', async (_name, activity, expected) => {
      const conversationId = `offered-${expected.length}-${Math.random().toString(36).slice(2)}`;
      const { customerId } = await seedConversation(server.app.db, {
        conversationId,
        channelId: 'directline',
        messages: ['money back'],
      });
      await storeBotMessage(server.app.db, conversationId, activity);
      const { ticket } = await server.app.tickets.escalate({
        conversationId,
        customerId,
        reason: 'requested',
        priority: 'normal',
        subject: 'money back',
      });
      const res = await api('GET', `/tickets/${ticket.reference}`);
      const transcript = res.body.transcript as Array<{ author: string; offered: string[] }>;
      expect(transcript.map((m) => [m.author, m.offered])).toEqual([
        ['customer', []],
        ['bot', expected],
      ]);
    });
  });
});
