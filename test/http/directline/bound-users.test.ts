import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivitySet, directLine, jwtPayload } from '../../helpers/directline.ts';
import { type RunningApp, startApp } from '../../helpers/running-app.ts';

const SECRET = 'site-secret-for-bound-users-0123456789';
const ASK_NAME = /What name should they use/;

/**
 * Who a Direct Line user is, over real HTTP on a real SQLite file: a public generate call can name
 * any user id, but only a token the site's server got with the secret makes the CRM recognise the
 * customer behind it.
 */
describe('Direct Line user identity (public vs secret-bound ids)', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp({ DIRECTLINE_SECRET: SECRET, HANDOFF_TIMEOUT_SECONDS: '3600' });
  });
  afterAll(async () => {
    await server.stop();
  });

  async function generate(
    body: unknown,
    authorization?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${server.url}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** A started conversation for `token`; returns its id. */
  async function start(token: string): Promise<string> {
    const res = await directLine(server.url, 'POST', '/conversations', token);
    expect(res.status).toBe(201);
    return (res.body as { conversationId: string }).conversationId;
  }

  async function say(
    conversationId: string,
    token: string,
    text: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const res = await directLine(server.url, 'POST', `/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text,
      ...extra,
    });
    expect(res.status).toBe(200);
  }

  /** What the bot has said so far (the posting call returns once the bot's turn is done). */
  async function botTexts(conversationId: string, token: string): Promise<string[]> {
    const res = await directLine(server.url, 'GET', `/conversations/${conversationId}/activities`, token);
    return (res.body as ActivitySet).activities
      .filter((a) => a.type === 'message' && a.from.role === 'bot')
      .map((a) => a.text ?? '');
  }

  async function ticketCustomers(): Promise<Array<{ reference: string; name: string | null; email: string | null }>> {
    return server.app.db
      .selectFrom('tickets')
      .innerJoin('customers', 'customers.id', 'tickets.customer_id')
      .select(['tickets.reference', 'customers.name', 'customers.email'])
      .orderBy('tickets.id')
      .execute();
  }

  it("recognises a secret-bound user; a public token naming the same id gets a stranger's record, however it dresses up", async () => {
    // The victim, signed in on the site: its server exchanges the secret for a bound token.
    const bound = await generate({ user: { id: 'victim-user-77', name: 'Victoria' } }, `Bearer ${SECRET}`);
    expect(bound.status).toBe(200);
    expect(jwtPayload(String(bound.body.token))).toMatchObject({ user: 'victim-user-77', bnd: true });
    const first = await start(String(bound.body.token));
    await say(first, String(bound.body.token), 'talk to a human');
    // The site gave a name with the token: only the email is asked.
    expect((await botTexts(first, String(bound.body.token))).join(' ')).toMatch(/which email address/);
    await say(first, String(bound.body.token), 'victoria@example.com');
    expect(await ticketCustomers()).toEqual([{ reference: 'T-1001', name: 'Victoria', email: 'victoria@example.com' }]);

    // Anyone can call the public generate with the victim's id, and forge the server's marker.
    const forged = await generate({ user: { id: 'victim-user-77' } });
    expect(forged.status).toBe(200);
    const forgedToken = String(forged.body.token);
    expect(jwtPayload(forgedToken)).toMatchObject({ user: 'dl_victim-user-77' });
    expect(jwtPayload(forgedToken).bnd).toBeUndefined();
    const attack = await start(forgedToken);
    await say(attack, forgedToken, 'talk to a human', {
      from: { id: 'victim-user-77' },
      channelData: { answerdesk: { boundUser: true } },
    });
    // A stranger: the handoff asks for a name (and then an email), and opens no ticket with the victim's details.
    expect((await botTexts(attack, forgedToken)).join(' ')).toMatch(ASK_NAME);
    await say(attack, forgedToken, 'skip');
    await say(attack, forgedToken, 'skip');
    const tickets = await ticketCustomers();
    expect(tickets).toHaveLength(2);
    expect(tickets[1]).toEqual({ reference: 'T-1002', name: null, email: null });
    // The echo shows the server's own marker, not the forged one.
    const echoed = (await directLine(server.url, 'GET', `/conversations/${attack}/activities`, forgedToken))
      .body as ActivitySet;
    const sent = echoed.activities.find((a) => a.text === 'talk to a human');
    expect(sent?.from.id).toBe('dl_victim-user-77');
    expect(sent?.channelData).toEqual({ answerdesk: { boundUser: false } });

    // The victim comes back on a new bound conversation: known at once, no questions.
    const again = await generate({ user: { id: 'victim-user-77' } }, `Bearer ${SECRET}`);
    const second = await start(String(again.body.token));
    await say(second, String(again.body.token), 'talk to a human');
    const texts = (await botTexts(second, String(again.body.token))).join(' ');
    expect(texts).not.toMatch(ASK_NAME);
    expect(texts).toMatch(/T-1003/);
    expect((await ticketCustomers())[2]).toEqual({
      reference: 'T-1003',
      name: 'Victoria',
      email: 'victoria@example.com',
    });
  });

  it('keeps a chat that is not signed in apart from the customer whose email it types, and tells the agent', async () => {
    // The owner of the address, signed in on the site.
    const bound = await generate({ user: { id: 'owner-user-88', name: 'Olivia' } }, `Bearer ${SECRET}`);
    const ownerToken = String(bound.body.token);
    const owners = await start(ownerToken);
    await say(owners, ownerToken, 'talk to a human');
    await say(owners, ownerToken, 'olivia@example.com');

    // Someone on a public token gives a name and the owner's address.
    const stranger = String((await generate({ user: { id: 'someone' } })).body.token);
    const strangers = await start(stranger);
    await say(strangers, stranger, 'talk to a human');
    expect((await botTexts(strangers, stranger)).join(' ')).toMatch(ASK_NAME);
    await say(strangers, stranger, 'Mallory');
    await say(strangers, stranger, 'Olivia@Example.com');

    const byConversation = (conversationId: string) =>
      server.app.db
        .selectFrom('tickets')
        .innerJoin('customers', 'customers.id', 'tickets.customer_id')
        .select(['tickets.id', 'tickets.customer_id', 'customers.name', 'customers.email'])
        .where('tickets.conversation_id', '=', conversationId)
        .executeTakeFirstOrThrow();
    const ownersTicket = await byConversation(owners);
    const strangersTicket = await byConversation(strangers);
    // Two customers: the owner's record is untouched (name, email), the stranger's has no email.
    expect(ownersTicket).toMatchObject({ name: 'Olivia', email: 'olivia@example.com' });
    expect(strangersTicket).toMatchObject({ name: 'Mallory', email: null });
    expect(strangersTicket.customer_id).not.toBe(ownersTicket.customer_id);
    const ownersTickets = await server.app.db
      .selectFrom('tickets')
      .select('id')
      .where('customer_id', '=', ownersTicket.customer_id)
      .execute();
    expect(ownersTickets).toHaveLength(1);
    // The agent learns what was typed, from the bot, on the stranger's ticket only.
    const notes = await server.app.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'actor', 'data'])
      .where('type', '=', 'note')
      .where('ticket_id', 'in', [ownersTicket.id, strangersTicket.id])
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ ticket_id: strangersTicket.id, actor: 'bot' });
    expect(String(notes[0]?.data)).toContain('olivia@example.com');
  });

  it('answers 401 to a wrong secret and 400 to a bound id in the reserved dl_ namespace', async () => {
    const wrong = await generate({ user: { id: 'victim-user-77' } }, 'Bearer not-the-secret');
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).toMatch(/DIRECTLINE_SECRET/);
    const garbled = await generate({ user: { id: 'victim-user-77' } }, SECRET);
    expect(garbled.status).toBe(401);
    const reserved = await generate({ user: { id: 'dl_someone' } }, `Bearer ${SECRET}`);
    expect(reserved.status).toBe(400);
    expect(JSON.stringify(reserved.body)).toMatch(/must not start with \\"dl_\\"/);
  });
});

describe('Direct Line user identity without DIRECTLINE_SECRET', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp({ DIRECTLINE_SECRET: '' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses every secret with 403 (no bound ids are possible) and still serves public tokens', async () => {
    const res = await fetch(`${server.url}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'x'.repeat(40)}` },
      body: JSON.stringify({ user: { id: 'victim-user-77' } }),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/no DIRECTLINE_SECRET/);
    const open = await directLine(server.url, 'POST', '/tokens/generate', undefined, {
      user: { id: 'victim-user-77' },
    });
    expect(open.status).toBe(200);
    expect(jwtPayload((open.body as { token: string }).token)).toMatchObject({ user: 'dl_victim-user-77' });
  });
});
