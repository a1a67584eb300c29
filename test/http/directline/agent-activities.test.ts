import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActivitySet,
  directLine,
  openStream,
  startConversation,
  type WireActivity,
} from '../../helpers/directline.ts';
import { type RunningApp, startApp } from '../../helpers/running-app.ts';

/**
 * What a person in the console sends into a customer's chat, over the real Direct Line protocol:
 * every activity replies to nothing or to an activity the customer's transcript has (Web Chat holds
 * a reply to an unknown activity for 5 s), and the agent's own messages come from the agent.
 */
describe('agent-originated activities on Direct Line', () => {
  let server: RunningApp;
  let jane: { id: number; token: string };

  beforeAll(async () => {
    server = await startApp({ HANDOFF_TIMEOUT_SECONDS: '3600' });
    const created = await server.app.agents.create({ name: 'Jane Doe', email: 'jane@example.com', role: 'agent' });
    jane = { id: created.agent.id, token: created.token };
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function agent(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${server.url}/api/agent${path}`, {
      method,
      headers: { authorization: `Bearer ${jane.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  /** A customer handed off to a person: the conversation, its ticket, and a way to talk. */
  async function handedOff(userId: string): Promise<{
    conversationId: string;
    token: string;
    streamUrl: string;
    reference: string;
    say: (text: string) => Promise<void>;
  }> {
    const conversation = await startConversation(server.url, { id: userId, name: '' });
    const say = async (text: string): Promise<void> => {
      const res = await directLine(
        server.url,
        'POST',
        `/conversations/${conversation.conversationId}/activities`,
        conversation.token,
        { type: 'message', from: { id: userId }, text },
      );
      expect(res.status).toBe(200);
    };
    for (const text of ['talk to a human', 'Casey', 'casey@example.com']) await say(text);
    const ticket = await server.app.ticketQueries.openTicketOf(conversation.conversationId);
    if (ticket === undefined) throw new Error('the handoff opened no ticket');
    return { ...conversation, reference: ticket.reference, say };
  }

  async function transcript(conversationId: string, token: string): Promise<WireActivity[]> {
    const res = await directLine(server.url, 'GET', `/conversations/${conversationId}/activities`, token);
    return (res.body as ActivitySet).activities;
  }

  /** Activities whose replyToId names no activity of the transcript. */
  function dangling(activities: WireActivity[]): WireActivity[] {
    const ids = new Set(activities.map((a) => a.id));
    return activities.filter((a) => a.replyToId !== undefined && !ids.has(a.replyToId));
  }

  it('claims, typing, replies, solve and the rating question reply to nothing unknown; bot answers keep their replyToId', async () => {
    const chat = await handedOff('customer-agent-activities');
    const stream = await openStream(chat.streamUrl);
    try {
      let version = (await server.app.ticketQueries.byReference(chat.reference)).version;
      expect((await agent('PATCH', `/tickets/${chat.reference}`, { version, assignee: 'me' })).status).toBe(200);
      expect(await agent('POST', `/tickets/${chat.reference}/typing`)).toEqual({ status: 200, body: { shown: true } });
      for (const text of ['Hi Casey, Jane here.', 'Found your order.', 'It ships today.']) {
        expect((await agent('POST', `/tickets/${chat.reference}/replies`, { text })).status).toBe(201);
      }
      version = (await server.app.ticketQueries.byReference(chat.reference)).version;
      expect((await agent('PATCH', `/tickets/${chat.reference}`, { version, status: 'solved' })).status).toBe(200);
      await stream.waitFor((a) => a.some((x) => x.type === 'message' && /rate/i.test(x.text ?? '')));
    } finally {
      stream.close();
    }

    const activities = await transcript(chat.conversationId, chat.token);
    expect(dangling(activities)).toEqual([]);
    // Every kind of agent-originated activity was there to be checked.
    const kinds = activities.filter((a) => a.from.role !== 'user').map((a) => `${a.type}:${String(a.name ?? '')}`);
    expect(kinds).toEqual(expect.arrayContaining(['event:handoff.status', 'typing:', 'message:']));
    // The bot's answers to the customer's messages still say which message they answer.
    const customerIds = new Set(activities.filter((a) => a.from.role === 'user').map((a) => a.id));
    const answers = activities.filter((a) => a.from.role !== 'user' && a.replyToId !== undefined);
    expect(answers.length).toBeGreaterThanOrEqual(3);
    for (const answer of answers) expect(customerIds).toContain(answer.replyToId);
  });

  it("sends the agent's replies and typing from the agent's own account, and records them as the agent's", async () => {
    const chat = await handedOff('customer-agent-identity');
    const version = (await server.app.ticketQueries.byReference(chat.reference)).version;
    expect((await agent('PATCH', `/tickets/${chat.reference}`, { version, assignee: 'me' })).status).toBe(200);
    expect((await agent('POST', `/tickets/${chat.reference}/typing`)).body).toEqual({ shown: true });
    expect((await agent('POST', `/tickets/${chat.reference}/replies`, { text: 'Jane here, hello!' })).status).toBe(201);

    const activities = await transcript(chat.conversationId, chat.token);
    const reply = activities.find((a) => a.text === 'Jane here, hello!');
    const typing = activities.find((a) => a.type === 'typing');
    const botAnswer = activities.find(
      (a) => a.type === 'message' && a.from.role === 'bot' && a.replyToId !== undefined,
    );
    for (const fromAgent of [reply, typing]) {
      expect(fromAgent?.from).toEqual({ id: `agent-${jane.id}`, name: 'Jane Doe', role: 'bot' });
    }
    expect(botAnswer?.from.id).not.toBe(reply?.from.id);
    // The words are the agent's own: no "Jane Doe: " put in front of them.
    expect(reply?.text).toBe('Jane here, hello!');
    const records = await server.app.feedback.transcript(chat.conversationId);
    expect(records.find((r) => r.text === 'Jane here, hello!')?.author).toBe('agent');
    const detail = await server.app.ticketQueries.get(chat.reference);
    expect(detail.transcript.find((m) => m.text === 'Jane here, hello!')?.author).toBe('agent');
  });

  it('ignores typing when the ticket has no live chat, and refuses it without a token or for an unknown ticket', async () => {
    const chat = await handedOff('customer-agent-no-live');
    const version = (await server.app.ticketQueries.byReference(chat.reference)).version;
    expect((await agent('PATCH', `/tickets/${chat.reference}`, { version, status: 'solved' })).status).toBe(200);
    const before = (await transcript(chat.conversationId, chat.token)).length;
    expect(await agent('POST', `/tickets/${chat.reference}/typing`)).toEqual({ status: 200, body: { shown: false } });
    expect((await transcript(chat.conversationId, chat.token)).length).toBe(before);
    expect((await agent('POST', '/tickets/T-9999/typing')).status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/agent/tickets/${chat.reference}/typing`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });

  it('a failed handoff tells the customer without a dangling replyToId', async () => {
    const chat = await handedOff('customer-agent-failed');
    const failed = await server.app.handoffs.failOverdue(-1);
    for (const handoff of failed) await server.app.liveChat.failed(handoff.conversationId);
    const activities = await transcript(chat.conversationId, chat.token);
    expect(activities.some((a) => a.type === 'event' && a.name === 'handoff.status')).toBe(true);
    expect(dangling(activities)).toEqual([]);
  });
});
