import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivitySet, directLine, postActivity, startConversation } from '../helpers/directline.ts';
import { failInserts } from '../helpers/failing-insert.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

/**
 * An agent's reply over real HTTP, the real Direct Line transcript and a real SQLite file: too long
 * is refused before anything is sent, and a reply the customer got is never reported as failed.
 */
describe('POST /api/agent/tickets/:ref/replies', () => {
  let server: RunningApp;
  let agentToken: string;
  let customer: { conversationId: string; token: string };

  beforeAll(async () => {
    server = await startApp({ HANDOFF_TIMEOUT_SECONDS: '3600' });
    ({ token: agentToken } = await server.app.agents.create({
      name: 'Jane Agent',
      email: 'jane@example.com',
      role: 'agent',
    }));
    customer = await startConversation(server.url);
    for (const text of ['talk to a human', 'skip', 'skip']) {
      const res = await postActivity(server.url, customer, { type: 'message', text });
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  async function reply(text: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${server.url}/api/agent/tickets/T-1001/replies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** How often `text` reached the customer's chat, is stored as a message, and is a reply event on the ticket. */
  async function traces(text: string): Promise<{ chat: number; messages: number; events: number }> {
    const transcript = (
      await directLine(server.url, 'GET', `/conversations/${customer.conversationId}/activities`, customer.token)
    ).body as ActivitySet;
    const messages = await server.app.db.selectFrom('messages').select('id').where('text', '=', text).execute();
    const events = (await server.app.ticketQueries.get('T-1001')).events.filter(
      (e) => e.type === 'reply' && (e.data as { text?: string }).text === text,
    );
    return {
      chat: transcript.activities.filter((a) => a.text === text).length,
      messages: messages.length,
      events: events.length,
    };
  }

  it('refuses a reply over 10,000 characters with 400 naming the limit and the length, and sends nothing', async () => {
    const long = 'a'.repeat(10_001);
    const res = await reply(long);
    expect(res.status).toBe(400);
    expect((res.body.error as { message: string }).message).toMatch(/at most 10000 characters; this one has 10001/);
    expect(await traces(long)).toEqual({ chat: 0, messages: 0, events: 0 });
  });

  it('delivers and records a reply of exactly 10,000 characters once', async () => {
    const longest = 'b'.repeat(10_000);
    const res = await reply(longest);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ delivered: true, recorded: true });
    expect(await traces(longest)).toEqual({ chat: 1, messages: 1, events: 1 });
  });

  it('answers 201 (delivered, not recorded) when the ticket event fails after the customer got the reply', async () => {
    const restore = await failInserts(server.app.db, 'ticket_events', 'events down', "new.type = 'reply'");
    try {
      const res = await reply('Your refund is on its way.');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ delivered: true, recorded: false });
      expect(await traces('Your refund is on its way.')).toEqual({ chat: 1, messages: 1, events: 0 });
    } finally {
      await restore();
    }
  });
});
