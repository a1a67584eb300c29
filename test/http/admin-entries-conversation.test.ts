import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

interface ConversationBody {
  conversationId?: string;
  messages?: Array<{ author: string; text: string | null; kind: string | null; answeredEntryId: string | null }>;
  error?: { code: string; message: string };
}

describe('GET /api/admin/conversations/:id (where an inbox example or a recent question was said)', () => {
  let server: RunningApp;
  let adminToken: string;
  let agentToken: string;

  async function get(id: string, token: string | undefined): Promise<{ status: number; body: ConversationBody }> {
    const res = await fetch(`${server.url}/api/admin/conversations/${encodeURIComponent(id)}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as ConversationBody };
  }

  beforeAll(async () => {
    server = await startApp();
    adminToken = (await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' })).token;
    agentToken = (await server.app.agents.create({ name: 'Bo', email: 'bo@example.com' })).token;
    const { messageIds } = await seedConversation(server.app.db, {
      conversationId: 'conv/with?odd#chars',
      messages: ['where is my parcel', '<b>thanks</b>'],
    });
    await server.app.db
      .updateTable('messages')
      .set({ message_kind: 'question', match_kind: 'answer', answered_entry_id: 'track-order' })
      .where('id', '=', messageIds[0] ?? 0)
      .execute();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('answers 401 without a token and 403 for an agent', async () => {
    expect((await get('conv/with?odd#chars', undefined)).status).toBe(401);
    expect((await get('conv/with?odd#chars', agentToken)).status).toBe(403);
  });

  it("lists the conversation's messages in order, with what each was and which entry answered it", async () => {
    const { status, body } = await get('conv/with?odd#chars', adminToken);
    expect(status).toBe(200);
    expect(body.conversationId).toBe('conv/with?odd#chars');
    expect(body.messages).toMatchObject([
      { author: 'customer', text: 'where is my parcel', kind: 'question', answeredEntryId: 'track-order' },
      { author: 'customer', text: '<b>thanks</b>', kind: null, answeredEntryId: null },
    ]);
  });

  it('answers 404 naming a conversation it does not have', async () => {
    const { status, body } = await get('nope', adminToken);
    expect(status).toBe(404);
    expect(body.error?.message).toBe('No conversation "nope" with messages.');
  });
});
