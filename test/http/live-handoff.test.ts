import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directLine,
  openStream,
  type StreamClient,
  startConversation,
  type WireActivity,
} from '../helpers/directline.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

/**
 * The whole live handoff over real HTTP and the real Direct Line protocol: the customer asks for
 * a person, the bot goes silent, an agent claims and replies through the agent API, solves, and
 * the customer rates the help.
 */
describe('live handoff over Direct Line and the agent API', () => {
  onlyNockedOutsideServers();
  let server: RunningApp;
  let token: string;
  let agentToken: string;

  beforeAll(async () => {
    server = await startApp({
      HANDOFF_TIMEOUT_SECONDS: '3600',
      AGENT_WEBHOOK_URL: 'https://hooks.example.test/answerdesk',
    });
    ({ token: agentToken } = await server.app.agents.create({
      name: 'Jane Agent',
      email: 'jane@example.com',
      role: 'agent',
    }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  let userId = 'customer-live';
  async function say(conversationId: string, text: string): Promise<void> {
    const res = await directLine(server.url, 'POST', `/conversations/${conversationId}/activities`, token, {
      type: 'message',
      from: { id: userId },
      text,
    });
    expect(res.status).toBe(200);
  }

  async function agent(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${server.url}/api/agent${path}`, {
      method,
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  const botTexts = (activities: WireActivity[]): string[] =>
    activities
      .filter((a) => a.type === 'message' && a.from.role !== 'user' && a.from.id !== userId)
      .map((a) => a.text ?? '');

  it('runs from "talk to a human" to a 5-star rating, with the bot silent while the agent has the chat', async () => {
    const webhooks: Array<{ body: Record<string, unknown>; key: string | undefined }> = [];
    nock('https://hooks.example.test')
      .post('/answerdesk')
      .reply(function record(_uri, body) {
        const key = this.req.headers['idempotency-key'];
        webhooks.push({ body: body as Record<string, unknown>, key: Array.isArray(key) ? key[0] : key });
        return [200, { ok: true }];
      });
    const conversation = await startConversation(server.url, { id: 'customer-live', name: '' });
    token = conversation.token;
    const stream: StreamClient = await openStream(conversation.streamUrl);
    try {
      const id = conversation.conversationId;
      await say(id, 'talk to a human');
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes('What name should they use')));
      await say(id, 'Casey');
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes('which email address')));
      await say(id, 'casey@example.com');
      const afterTicket = await stream.waitFor((a) =>
        a.some((x) => x.type === 'event' && x.name === 'handoff.initiate'),
      );
      const reference = /T-\d+/.exec(botTexts(afterTicket).join(' '))?.[0];
      expect(reference).toBe('T-1001');
      // The agents' webhook fired for the new ticket, with an idempotency key.
      await expect.poll(() => webhooks.length, { timeout: 10_000 }).toBe(1);
      expect(JSON.stringify(webhooks[0]?.body)).toContain('T-1001');
      expect(webhooks[0]?.key).toMatch(/T-1001/);
      // The ticket is visible in the agent API with the whole transcript.
      const listed = await agent('GET', '/tickets?status=new');
      expect((listed.body.tickets as Array<{ reference: string }>).map((t) => t.reference)).toContain('T-1001');

      // Handed off: the bot stays silent apart from saying once that a person will reply.
      await say(id, 'where is my order?');
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes('your message is with our team')));
      const repliesBefore = botTexts(stream.activities()).length;
      await say(id, 'hello?');
      await new Promise((r) => setTimeout(r, 300));
      expect(botTexts(stream.activities())).toHaveLength(repliesBefore);

      // The agent claims: the customer is told who joined, with handoff.status accepted.
      const detail = await agent('GET', `/tickets/${reference}`);
      const ticket = detail.body.ticket as { version: number };
      expect((await agent('PATCH', `/tickets/${reference}`, { version: ticket.version, assignee: 'me' })).status).toBe(
        200,
      );
      await stream.waitFor((a) =>
        a.some(
          (x) =>
            x.type === 'event' && x.name === 'handoff.status' && (x.value as { state: string }).state === 'accepted',
        ),
      );
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes('Jane Agent from our support team has joined')));

      // The agent's reply reaches the widget, shown with the agent's name.
      expect(
        (await agent('POST', `/tickets/${reference}/replies`, { text: 'Hi Casey, I am looking at your order now.' }))
          .status,
      ).toBe(201);
      const withReply = await stream.waitFor((a) =>
        a.some((x) => x.text === 'Hi Casey, I am looking at your order now.'),
      );
      const reply = withReply.find((x) => x.text === 'Hi Casey, I am looking at your order now.');
      expect(reply?.from.name).toBe('Jane Agent');

      // The customer answers; it lands on the ticket, and the bot still says nothing.
      await say(id, 'thanks, it is NW-123456');
      await expect
        .poll(async () =>
          (
            (await agent('GET', `/tickets/${reference}`)).body.events as Array<{
              type: string;
              data: { text?: string };
            }>
          ).map((e) => e.data.text),
        )
        .toContain('thanks, it is NW-123456');

      // Stored as feedback records with the right authors, in order.
      const transcript = await server.app.feedback.transcript(id);
      const agentRecord = transcript.find((r) => r.text === 'Hi Casey, I am looking at your order now.');
      expect(agentRecord?.author).toBe('agent');
      const solvedFrom = (await agent('GET', `/tickets/${reference}`)).body.ticket as {
        version: number;
        firstResponseAt: string | null;
      };
      expect(solvedFrom.firstResponseAt).not.toBeNull();

      // The agent solves: the bot takes the chat back and asks for a rating.
      expect(
        (await agent('PATCH', `/tickets/${reference}`, { version: solvedFrom.version, status: 'solved' })).status,
      ).toBe(200);
      await stream.waitFor((a) =>
        a.some(
          (x) =>
            x.type === 'event' && x.name === 'handoff.status' && (x.value as { state: string }).state === 'completed',
        ),
      );
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes('How would you rate the help')));
      await say(id, '5');
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes("Anything you'd like to tell us")));
      await say(id, 'Jane was great');
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes('Thanks for your feedback')));
      const rated = (await agent('GET', `/tickets/${reference}`)).body.ticket as {
        csatRating: number;
        csatComment: string;
      };
      expect(rated).toMatchObject({ csatRating: 5, csatComment: 'Jane was great' });

      // And the bot answers questions again.
      await say(id, 'how do I reset my password');
      await stream.waitFor((a) => botTexts(a).some((t) => t === 'Did this help?'));
    } finally {
      stream.close();
    }
  });

  it('tells the customer to expect an email when nobody claims the chat in time', async () => {
    nock('https://hooks.example.test').post('/answerdesk').reply(200, { ok: true });
    userId = 'customer-timeout';
    const conversation = await startConversation(server.url, { id: userId, name: '' });
    token = conversation.token;
    const stream = await openStream(conversation.streamUrl);
    try {
      const id = conversation.conversationId;
      await say(id, 'I want to speak to a person');
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes('What name should they use')));
      await say(id, 'skip');
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes('which email address')));
      await say(id, 'skip');
      await stream.waitFor((a) => a.some((x) => x.type === 'event' && x.name === 'handoff.initiate'));
      const failed = await server.app.handoffs.failOverdue(-1);
      expect(failed.map((h) => h.conversationId)).toEqual([id]);
      for (const handoff of failed) await server.app.liveChat.failed(handoff.conversationId);
      await stream.waitFor((a) =>
        a.some(
          (x) => x.type === 'event' && x.name === 'handoff.status' && (x.value as { state: string }).state === 'failed',
        ),
      );
      await stream.waitFor((a) => botTexts(a).some((t) => t.includes("we'll reply by email")));
      // The bot is back: a question gets an answer again.
      await say(id, 'how do I reset my password');
      await stream.waitFor((a) => botTexts(a).some((t) => t === 'Did this help?'));
    } finally {
      stream.close();
    }
  });

  it('refuses a reply to a solved ticket and a reply without a token', async () => {
    // Its own solved ticket, so the test does not lean on the one the first test solved.
    const { customerId } = await seedConversation(server.app.db, {
      conversationId: 'conv-solved',
      messages: ['my order is late'],
    });
    const { ticket } = await server.app.tickets.escalate({
      conversationId: 'conv-solved',
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'my order is late',
    });
    expect(
      (await agent('PATCH', `/tickets/${ticket.reference}`, { version: ticket.version, status: 'solved' })).status,
    ).toBe(200);

    const unauthenticated = await fetch(`${server.url}/api/agent/tickets/${ticket.reference}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(unauthenticated.status).toBe(401);
    const solved = await agent('POST', `/tickets/${ticket.reference}/replies`, { text: 'one more thing' });
    expect(solved.status).toBe(409);
    expect((solved.body.error as { message: string }).message).toMatch(/solved; reopen it/);
  });
});
