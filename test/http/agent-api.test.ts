import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketPriority } from '../../src/escalation/ticket-priority.ts';
import { NotificationRepository } from '../../src/notifications/notification.repository.ts';
import { analyseMessage, seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

describe('agent API /api/agent', () => {
  let server: RunningApp;
  let agentToken: string;
  let adminToken: string;
  let agentId: number;

  async function api(method: string, path: string, token: string | undefined, body?: unknown): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}/api/agent${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text === '' ? {} : (JSON.parse(text) as ApiResponse['body']),
    };
  }

  async function escalate(
    conversationId: string,
    priority: TicketPriority,
    category: string,
    messages = ['help me'],
  ): Promise<string> {
    const { customerId } = await seedConversation(server.app.db, {
      conversationId,
      name: `Customer ${conversationId}`,
      messages,
    });
    const { ticket } = await server.app.tickets.escalate({
      conversationId,
      customerId,
      reason: 'requested',
      priority,
      subject: messages[0] ?? 'help',
      category,
    });
    return ticket.reference;
  }

  beforeAll(async () => {
    server = await startApp();
    const agent = await server.app.agents.create({ name: 'Dana', email: 'dana@example.com' });
    const admin = await server.app.agents.create({ name: 'Ari', role: 'admin' });
    agentToken = agent.token;
    adminToken = admin.token;
    agentId = agent.agent.id;
    await escalate('conv-a', 'normal', 'delivery'); // T-1001
    await escalate('conv-b', 'urgent', 'fraud'); // T-1002
    await escalate('conv-c', 'low', 'delivery'); // T-1003
    await escalate('conv-d', 'urgent', 'delivery'); // T-1004
  });
  afterAll(async () => {
    await server.stop();
  });

  describe('authentication', () => {
    it.each([
      ['no Authorization header', undefined, /Missing token/],
      ['an unknown token', 'x'.repeat(43), /not valid or has been revoked/],
      ['an empty bearer', '', /must be "Bearer <token>"/],
    ])('answers 401 to %s', async (_name, token, message) => {
      const res = await api('GET', '/me', token);
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('unauthorized');
      expect(res.body.error?.message).toMatch(message);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('answers 401 to a non-Bearer scheme', async () => {
      const res = await fetch(`${server.url}/api/agent/me`, { headers: { authorization: `Basic ${agentToken}` } });
      expect(res.status).toBe(401);
    });

    it('answers 401 once the agent is revoked', async () => {
      const { token } = await server.app.agents.create({ name: 'Temp', email: 'temp@example.com' });
      expect((await api('GET', '/me', token)).status).toBe(200);
      await server.app.agents.revoke('temp@example.com');
      expect((await api('GET', '/me', token)).status).toBe(401);
    });

    it('returns the signed-in agent, never the token or its hash', async () => {
      const res = await api('GET', '/me', agentToken);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: agentId,
        name: 'Dana',
        email: 'dana@example.com',
        role: 'agent',
        createdAt: expect.any(String),
        expiresAt: null,
      });
    });

    it('answers 403 to an agent and 200 to an admin on notifications', async () => {
      const forbidden = await api('GET', '/notifications', agentToken);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error).toEqual({ code: 'forbidden', message: 'This needs the admin role.' });
      expect((await api('GET', '/notifications', adminToken)).status).toBe(200);
    });
  });

  describe('GET /tickets', () => {
    async function refs(query: string): Promise<{ refs: string[]; total: unknown }> {
      const res = await api('GET', `/tickets${query}`, agentToken);
      expect(res.status).toBe(200);
      return {
        refs: (res.body.tickets as Array<{ reference: string }>).map((t) => t.reference),
        total: res.body.total,
      };
    }

    it.each([
      ['', ['T-1002', 'T-1004', 'T-1001', 'T-1003'], 4],
      ['?priority=urgent', ['T-1002', 'T-1004'], 2],
      ['?priority=urgent,low', ['T-1002', 'T-1004', 'T-1003'], 3],
      ['?category=delivery', ['T-1004', 'T-1001', 'T-1003'], 3],
      ['?status=new&category=delivery&priority=low', ['T-1003'], 1],
      ['?status=solved', [], 0],
      ['?limit=2&offset=1', ['T-1004', 'T-1001'], 4],
    ])('lists %s urgent first, then oldest first', async (query, expected, total) => {
      expect(await refs(query)).toEqual({ refs: expected, total });
    });

    it('returns camelCase tickets', async () => {
      const res = await api('GET', '/tickets?limit=1', agentToken);
      expect((res.body.tickets as unknown[])[0]).toEqual({
        reference: 'T-1002',
        conversationId: 'conv-b',
        customerId: expect.any(Number),
        subject: 'help me',
        category: 'fraud',
        priority: 'urgent',
        status: 'new',
        reason: 'requested',
        assigneeId: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        firstResponseAt: null,
        solvedAt: null,
        csatRating: null,
        csatComment: null,
        version: 1,
        customerName: 'Customer conv-b',
        customerEmail: null,
        latestSentiment: null,
        worstSentiment: null,
        sentimentTrend: null,
        complaintSeverity: null,
        assigneeName: null,
        // One open ticket (8 points, knowledge/health.yaml of the fixtures), nothing else against them.
        customerHealth: { score: 92, band: 'green' },
      });
    });

    it("carries the customer's contact, the latest analysed customer sentiment and the assignee's name", async () => {
      const { customerId, messageIds } = await seedConversation(server.app.db, {
        conversationId: 'conv-list',
        name: 'Lee',
        messages: ['this is awful', 'thanks, that is great', 'one more thing'],
      });
      await server.app.customers.updateContact(customerId, { email: 'Lee@Example.com' });
      await analyseMessage(server.app.db, messageIds[0] ?? 0, { comparative: -0.8 });
      await analyseMessage(server.app.db, messageIds[1] ?? 0, { comparative: 0 });
      // The last message was not analysed: the latest label is the one before it.
      const { ticket } = await server.app.tickets.escalate({
        conversationId: 'conv-list',
        customerId,
        reason: 'requested',
        priority: 'low',
        subject: 'x',
        category: 'listing',
      });
      const item = async () =>
        (await api('GET', '/tickets?category=listing', agentToken)).body.tickets as Array<Record<string, unknown>>;
      expect(await item()).toEqual([
        expect.objectContaining({
          reference: ticket.reference,
          customerName: 'Lee',
          customerEmail: 'lee@example.com',
          latestSentiment: 'neutral',
          // "this is awful" stays the worst after a calmer message; the mood rose from −0.8 to 0.
          worstSentiment: 'negative',
          sentimentTrend: 'improving',
          complaintSeverity: null,
          assigneeName: null,
        }),
      ]);

      await analyseMessage(server.app.db, messageIds[2] ?? 0, { comparative: -0.5 });
      const claimed = await api('PATCH', `/tickets/${ticket.reference}`, adminToken, { version: 1, assignee: 'me' });
      expect(claimed.status).toBe(200);
      expect(await item()).toEqual([
        expect.objectContaining({
          latestSentiment: 'negative',
          assigneeName: 'Ari',
          assigneeId: claimed.body.assigneeId,
        }),
      ]);
    });

    it.each([
      ['?status=waiting', 'status: "waiting" is not one of new, open, pending, solved, closed'],
      ['?priority=HIGH,asap', 'priority: "asap" is not one of low, normal, high, urgent'],
      ['?assignee=bob', 'assignee: must be "me", "none" or an agent id (got "bob")'],
      ['?limit=500', 'limit: must be a whole number from 1 to 100 (got "500")'],
      ['?offset=-1', 'offset: must be a whole number from 0 to 9007199254740991 (got "-1")'],
    ])('answers 400 naming the parameter for %s', async (query, message) => {
      const res = await api('GET', `/tickets${query}`, agentToken);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBe(message);
    });
  });

  describe('a ticket', () => {
    it('shows the customer, events and transcript with sentiment and complaint markers', async () => {
      const { customerId, messageIds } = await seedConversation(server.app.db, {
        conversationId: 'conv-e',
        name: 'Erin',
        messages: ['hello', 'you are useless'],
      });
      await analyseMessage(server.app.db, messageIds[1] ?? 0, {
        comparative: -1,
        complaint: { category: 'service', severity: 'high' },
      });
      const { ticket } = await server.app.tickets.escalate({
        conversationId: 'conv-e',
        customerId,
        reason: 'negative_sentiment',
        priority: 'high',
        subject: 'you are useless',
      });
      const res = await api('GET', `/tickets/${ticket.reference.toLowerCase()}`, agentToken);
      expect(res.status).toBe(200);
      expect(res.body.customer).toMatchObject({ id: customerId, name: 'Erin' });
      expect((res.body.events as Array<{ type: string }>).map((e) => e.type)).toEqual(['created']);
      expect(res.body.transcript).toEqual([
        expect.objectContaining({ text: 'hello', author: 'customer', sentiment: null, complaint: null }),
        expect.objectContaining({
          text: 'you are useless',
          sentiment: { score: -4, comparative: -1, label: 'negative' },
          complaint: { isComplaint: true, category: 'service', severity: 'high', confidence: 0.9 },
        }),
      ]);
    });

    it("lists the customer's other tickets, newest first, and names the agents the ticket mentions", async () => {
      const user = { userId: 'user-returning', name: 'Robin' };
      const first = await seedConversation(server.app.db, {
        conversationId: 'conv-r1',
        ...user,
        messages: ['my parcel is late'],
      });
      const older = await server.app.tickets.escalate({
        conversationId: 'conv-r1',
        customerId: first.customerId,
        reason: 'requested',
        priority: 'normal',
        subject: 'my parcel is late',
      });
      await server.app.tickets.update(older.ticket.reference, { version: 1, status: 'solved' }, agentId);
      const second = await seedConversation(server.app.db, {
        conversationId: 'conv-r2',
        ...user,
        messages: ['wrong size delivered'],
      });
      expect(second.customerId).toBe(first.customerId);
      const newer = await server.app.tickets.escalate({
        conversationId: 'conv-r2',
        customerId: second.customerId,
        reason: 'complaint',
        priority: 'high',
        subject: 'wrong size delivered',
      });
      await escalate('conv-someone-else', 'normal', 'delivery');
      await api('POST', `/tickets/${newer.ticket.reference}/notes`, adminToken, { text: 'second time this month' });

      const res = await api('GET', `/tickets/${newer.ticket.reference}`, agentToken);
      expect(res.status).toBe(200);
      expect(res.body.otherTickets).toEqual([
        {
          reference: older.ticket.reference,
          subject: 'my parcel is late',
          status: 'solved',
          createdAt: older.ticket.createdAt,
        },
      ]);
      expect(res.body.agents).toEqual([{ id: expect.any(Number), name: 'Ari' }]);
      const olderView = await api('GET', `/tickets/${older.ticket.reference}`, agentToken);
      expect((olderView.body.otherTickets as Array<{ reference: string }>).map((t) => t.reference)).toEqual([
        newer.ticket.reference,
      ]);
      expect(olderView.body.agents).toEqual([{ id: agentId, name: 'Dana' }]);
    });

    it('answers 404 for an unknown reference', async () => {
      const res = await api('GET', '/tickets/T-9999', agentToken);
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: 'ticket_not_found', message: 'There is no ticket T-9999.' });
    });

    it('lets an agent claim a ticket with assignee "me", then answers 409 to a stale version', async () => {
      const ref = await escalate('conv-f', 'normal', 'billing');
      const claimed = await api('PATCH', `/tickets/${ref}`, agentToken, { version: 1, assignee: 'me' });
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ reference: ref, assigneeId: agentId, status: 'open', version: 2 });
      expect((await api('GET', '/tickets?assignee=me', agentToken)).body.tickets).toEqual([
        expect.objectContaining({ reference: ref }),
      ]);

      const stale = await api('PATCH', `/tickets/${ref}`, adminToken, { version: 1, status: 'solved' });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toEqual({
        code: 'version_conflict',
        message: `Ticket ${ref} was changed by someone else: you sent version 1, the current version is 2. Reload the ticket and try again.`,
        currentVersion: 2,
      });
      const solved = await api('PATCH', `/tickets/${ref}`, adminToken, { version: 2, status: 'solved' });
      expect(solved.body).toMatchObject({ status: 'solved', version: 3, solvedAt: expect.any(String) });
    });

    it.each([
      [
        'no version',
        { status: 'open' },
        'version: required (the version of the ticket you read, for conflict detection)',
      ],
      ['a string version', { version: '1', status: 'open' }, 'version: must be a whole number ≥ 1'],
      [
        'an unknown status',
        { version: 1, status: 'done' },
        'status: must be one of new, open, pending, solved, closed',
      ],
      ['an unknown priority', { version: 1, priority: 'p1' }, 'priority: must be one of low, normal, high, urgent'],
      [
        'a bad assignee',
        { version: 1, assignee: 'someone' },
        'assignee: must be "me", an agent id, or null to unassign',
      ],
      [
        'a typo in a field name',
        { version: 1, assigne: 'me' },
        'assigne: unknown field; allowed: version, status, priority, assignee',
      ],
      [
        'many long unknown fields (named, not echoed whole)',
        { version: 1, ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`${i}${'k'.repeat(300)}`, 1])) },
        `${Array.from({ length: 5 }, (_, i) => `${i}${'k'.repeat(39)}`).join(', ')} and 3 more: unknown fields; allowed: version, status, priority, assignee`,
      ],
      ['nothing to change', { version: 1 }, 'Nothing to change: give at least one of status, priority, assignee'],
      [
        'an assignee who is not an agent',
        { version: 1, assignee: 999 },
        'assignee: there is no active agent with id 999',
      ],
      ['an array body', [1], 'The request body must be a JSON object (Content-Type: application/json).'],
    ])('answers 400 to a PATCH with %s', async (_name, body, message) => {
      const res = await api('PATCH', '/tickets/T-1001', agentToken, body);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBe(message);
    });

    it('adds an internal note that appears in the events but never in the transcript or the messages', async () => {
      const ref = await escalate('conv-g', 'normal', 'billing', ['I was charged twice']);
      const note = await api('POST', `/tickets/${ref}/notes`, agentToken, {
        text: 'Refund approved by finance — do not tell the customer yet',
      });
      expect(note.status).toBe(201);
      expect(note.body).toMatchObject({
        type: 'note',
        actor: `agent:${agentId}`,
        data: { text: 'Refund approved by finance — do not tell the customer yet' },
      });

      const detail = await api('GET', `/tickets/${ref}`, agentToken);
      expect((detail.body.events as Array<{ type: string }>).map((e) => e.type)).toEqual(['created', 'note']);
      expect(JSON.stringify(detail.body.transcript)).not.toContain('Refund approved');
      const messages = await server.app.db
        .selectFrom('messages')
        .select('text')
        .where('conversation_id', '=', 'conv-g')
        .execute();
      expect(messages.map((m) => m.text)).toEqual(['I was charged twice']);
      expect((detail.body.ticket as { version: number }).version).toBe(1);
    });

    it.each([
      ['no text', {}, 'text: required, a non-empty string'],
      ['blank text', { text: '   ' }, 'text: required, a non-empty string'],
    ])('answers 400 to a note with %s', async (_name, body, message) => {
      const res = await api('POST', '/tickets/T-1001/notes', agentToken, body);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBe(message);
    });
  });

  describe('GET /notifications (admin)', () => {
    it('shows failed notifications with their last error', async () => {
      const ref = await escalate('conv-h', 'high', 'delivery');
      const outbox = new NotificationRepository(server.app.db);
      const row = await server.app.db
        .selectFrom('notifications_outbox')
        .innerJoin('tickets', 'tickets.id', 'notifications_outbox.ticket_id')
        .select('notifications_outbox.id')
        .where('tickets.reference', '=', ref)
        .executeTakeFirstOrThrow();
      await outbox.markFailed(row.id, 6, 'HTTP 404: no such hook');

      const res = await api('GET', '/notifications?status=failed', adminToken);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.notifications).toEqual([
        {
          id: row.id,
          ticketReference: ref,
          event: 'ticket.created',
          status: 'failed',
          attempts: 6,
          nextAttemptAt: null,
          lastError: 'HTTP 404: no such hook',
          deliveredAt: null,
          createdAt: expect.any(String),
          idempotencyKey: expect.stringMatching(new RegExp(`^answerdesk-${ref}-ticket\\.created-\\d+$`)),
        },
      ]);
      // Without a webhook URL (as here) the others stay pending.
      const pending = await api('GET', '/notifications?status=pending', adminToken);
      expect(pending.body.total).toBeGreaterThanOrEqual(4);
      expect((await api('GET', '/notifications?status=lost', adminToken)).status).toBe(400);
    });
  });
});
