import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBotMessage } from '../helpers/bot-turn-fixture.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

interface ApiResponse {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

/** The queue's status filter and search (`GET /api/agent/tickets?status=&q=`) over real HTTP and SQLite. */
describe('agent API: queue search and status filter', () => {
  let server: RunningApp;
  let token: string;
  let agentId: number;

  /** `bearer` null sends no Authorization header. */
  async function api(path: string, bearer: string | null = token): Promise<ApiResponse> {
    const res = await fetch(`${server.url}/api/agent${path}`, {
      headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
    });
    return { status: res.status, body: (await res.json()) as ApiResponse['body'] };
  }

  async function refs(query: string): Promise<string[]> {
    const res = await api(`/tickets?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.tickets as Array<{ reference: string }>).map((t) => t.reference).sort();
  }

  async function ticket(conversationId: string, name: string, email: string | null, messages: string[]) {
    const { customerId } = await seedConversation(server.app.db, { conversationId, name, messages });
    if (email !== null) await server.app.customers.updateContact(customerId, { email });
    const { ticket } = await server.app.tickets.escalate({
      conversationId,
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: messages[0] ?? 'help',
      category: null,
    });
    return ticket;
  }

  beforeAll(async () => {
    server = await startApp();
    const created = await server.app.agents.create({ name: 'Dana', email: 'dana@example.com' });
    token = created.token;
    agentId = created.agent.id;
    // T-1001, solved: found by its email, name and words, only in the solved and all views.
    const priya = await ticket('s-priya', 'Priya Natarajan', 'priya@example.com', [
      'I was charged twice for order NW-884120',
    ]);
    await server.app.tickets.update(priya.reference, { version: priya.version, status: 'solved' }, agentId);
    // The bot's answers are not searched (knowledge text would match nearly anything).
    await storeBotMessage(server.app.db, 's-priya', { type: 'message', text: 'zebra-answer from the knowledge' });
    // T-1002: LIKE's wildcards and escape character in the text, matched literally.
    await ticket('s-tom', 'Tom Becker', null, ['I am 100% sure the blender_jug is cracked', 'back\\slash']);
    // T-1003: a later message, not the subject.
    await ticket('s-alex', 'Alex Kim', 'alex.kim@example.org', ['gift card not working', 'my code GIFT-77 fails']);
    // T-1004: pending.
    const pending = await ticket('s-maria', 'Maria Rossi', 'maria@example.net', ['warranty question']);
    await server.app.tickets.update(pending.reference, { version: pending.version, status: 'pending' }, agentId);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ['the open view', 'status=new,open,pending', ['T-1002', 'T-1003', 'T-1004']],
    ['the pending view', 'status=pending', ['T-1004']],
    ['the solved view', 'status=solved,closed', ['T-1001']],
    ['all tickets', '', ['T-1001', 'T-1002', 'T-1003', 'T-1004']],
  ])('lists %s', async (_name, query, expected) => {
    expect(await refs(query)).toEqual(expected);
  });

  it.each([
    ['a reference', 'T-1003', ['T-1003']],
    ['a reference in lower case', 't-1002', ['T-1002']],
    ['part of an email', 'priya@', ['T-1001']],
    ['an email domain in capitals', 'EXAMPLE.ORG', ['T-1003']],
    ['a surname', 'becker', ['T-1002']],
    ['a first name in mixed case', 'mArIa', ['T-1004']],
    ['words of the subject', 'charged twice', ['T-1001']],
    ['words of a later message', 'GIFT-77', ['T-1003']],
    ['a percent sign, literally', '%', ['T-1002']],
    ['an underscore, literally', '_', ['T-1002']],
    ['a backslash, literally', '\\', ['T-1002']],
    ['a quote (bound, never SQL)', "' or 1=1 --", []],
    ['text only the bot said', 'zebra-answer', []],
    ['nothing that exists', 'no such thing', []],
  ])('finds tickets by %s across every status', async (_name, q, expected) => {
    expect(await refs(`q=${encodeURIComponent(q)}`)).toEqual(expected);
  });

  it('combines the search with the status filter', async () => {
    expect(await refs('status=solved&q=priya')).toEqual(['T-1001']);
    expect(await refs('status=new,open,pending&q=priya')).toEqual([]);
    expect(await refs('status=pending&q=example')).toEqual(['T-1004']);
  });

  it('pages search results and counts all matches', async () => {
    const first = await api('/tickets?q=example&limit=2&offset=0');
    const second = await api('/tickets?q=example&limit=2&offset=2');
    expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(second.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    const seen = [
      ...(first.body.tickets as Array<{ reference: string }>),
      ...(second.body.tickets as Array<{ reference: string }>),
    ];
    expect(seen.map((t) => t.reference).sort()).toEqual(['T-1001', 'T-1003', 'T-1004']);
  });

  it.each([
    ['a search over 200 characters', `q=${'x'.repeat(201)}`, 'q: at most 200 characters (got 201)'],
    ['a repeated search', 'q=a&q=b', 'q: give it once, as a plain value'],
    ['an unknown status', 'status=archived', 'status: "archived" is not one of new, open, pending, solved, closed'],
    ['a page size of 0', 'q=a&limit=0', 'limit: must be a whole number from 1 to 100 (got "0")'],
    ['a negative offset', 'q=a&offset=-1', 'offset: must be a whole number from 0 to'],
  ])('answers 400 naming the parameter for %s', async (_name, query, message) => {
    const res = await api(`/tickets?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('invalid_request');
    expect(res.body.error?.message).toContain(message);
  });

  it('answers 401 to a search without a token', async () => {
    const res = await api('/tickets?q=priya', null);
    expect(res.status).toBe(401);
  });
});
