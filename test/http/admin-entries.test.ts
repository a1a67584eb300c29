import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageTable } from '../../src/conversations/conversation.table.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

interface EntryBody {
  id: string;
  title: string;
  answer: string;
  questions: number;
  answered: number;
  answerRate: number | null;
  votes: number;
  helpful: number;
  helpfulRate: number | null;
  recentQuestions: Array<{
    text: string;
    at: string;
    answered: boolean;
    helpful: boolean | null;
    conversationId: string;
  }>;
}

interface EntriesBody {
  from?: string;
  to?: string;
  entries?: EntryBody[];
  error?: { code: string; message: string };
}

type Columns = Partial<
  Pick<
    MessageTable,
    'message_kind' | 'match_kind' | 'match_entry_id' | 'answered_entry_id' | 'helpful' | 'direction' | 'author'
  >
>;

const PERIOD = 'from=2025-12-01&to=2025-12-08';

describe('GET /api/admin/entries', () => {
  let server: RunningApp;
  let adminToken: string;
  let agentToken: string;
  let seeded = 0;

  async function get(query: string, token: string | undefined): Promise<{ status: number; body: EntriesBody }> {
    const res = await fetch(`${server.url}/api/admin/entries${query}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as EntriesBody };
  }

  /** One stored customer message at `at`, with the columns the turn would have written. */
  async function message(at: string, text: string, columns: Columns): Promise<void> {
    seeded += 1;
    const { messageIds } = await seedConversation(server.app.db, {
      conversationId: `stats-${seeded}`,
      messages: [text],
      at,
    });
    if (Object.keys(columns).length === 0) return;
    await server.app.db
      .updateTable('messages')
      .set(columns)
      .where('id', '=', messageIds[0] ?? 0)
      .execute();
  }

  const question = (entry: string, answered: string | null, helpful: number | null): Columns => ({
    message_kind: 'question',
    match_kind: answered === entry ? 'answer' : 'no-match',
    match_entry_id: entry,
    answered_entry_id: answered,
    helpful,
  });

  beforeAll(async () => {
    server = await startApp();
    adminToken = (await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' })).token;
    agentToken = (await server.app.agents.create({ name: 'Bo', email: 'bo@example.com' })).token;

    // Counted for track-order in [2025-12-01, 2025-12-08): 7 questions, 5 answered, 2 votes, 1 helpful.
    await message('2025-12-01T00:00:00.000Z', 'q at from', question('track-order', 'track-order', null));
    await message('2025-12-02T10:00:00.000Z', 'q helped', question('track-order', 'track-order', 1));
    await message('2025-12-03T10:00:00.000Z', 'q did not help', question('track-order', 'track-order', 0));
    await message('2025-12-04T10:00:00.000Z', 'q no vote', question('track-order', 'track-order', null));
    await message('2025-12-05T09:00:00.000Z', 'q low confidence', question('track-order', null, null));
    // The matcher's best was track-order, the customer chose order-delayed from "did you mean" and it helped.
    await message('2025-12-05T10:00:00.000Z', 'q chosen', {
      message_kind: 'question',
      match_kind: 'ambiguous',
      match_entry_id: 'track-order',
      answered_entry_id: 'order-delayed',
      helpful: 1,
    });
    // Stored before message kinds existed: no kind, but a match, so a question.
    await message('2025-12-06T10:00:00.000Z', 'q legacy', {
      match_kind: 'answer',
      match_entry_id: 'track-order',
      answered_entry_id: 'track-order',
    });
    // Not questions: a reply to a prompt (even with a stray match), a row with neither kind nor match,
    // and the bot's outbound answer.
    await message('2025-12-06T11:00:00.000Z', '4', {
      message_kind: 'prompt-reply',
      match_kind: 'answer',
      match_entry_id: 'track-order',
      answered_entry_id: 'track-order',
    });
    await message('2025-12-06T12:00:00.000Z', 'hello', {});
    await message('2025-12-06T13:00:00.000Z', 'Your parcel…', {
      direction: 'outbound',
      author: 'bot',
      answered_entry_id: 'track-order',
    });
    // Outside the half-open period.
    await message('2025-11-30T23:59:59.999Z', 'q before', question('track-order', 'track-order', 1));
    await message('2025-12-08T00:00:00.000Z', 'q at to', question('track-order', 'track-order', 1));
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('answers 401 without a valid token and 403 for an agent without the admin role', async () => {
    const missing = await get(`?${PERIOD}`, undefined);
    expect(missing.status).toBe(401);
    expect((await get(`?${PERIOD}`, 'not-a-token')).status).toBe(401);
    const agent = await get(`?${PERIOD}`, agentToken);
    expect(agent.status).toBe(403);
    expect(agent.body.error?.message).toBe('This needs the admin role.');
  });

  it('counts questions, answers and votes per entry over the period, as computed by hand', async () => {
    const { status, body } = await get(`?${PERIOD}`, adminToken);
    expect(status).toBe(200);
    expect(body.from).toBe('2025-12-01T00:00:00.000Z');
    expect(body.to).toBe('2025-12-08T00:00:00.000Z');
    const byId = new Map((body.entries ?? []).map((e) => [e.id, e]));
    expect(byId.get('track-order')).toMatchObject({
      questions: 7,
      answered: 5,
      answerRate: 5 / 7,
      votes: 2,
      helpful: 1,
      helpfulRate: 0.5,
    });
    expect(byId.get('order-delayed')).toMatchObject({
      questions: 1,
      answered: 1,
      answerRate: 1,
      votes: 1,
      helpful: 1,
      helpfulRate: 1,
    });
    expect(byId.get('cancel-order')).toMatchObject({
      questions: 0,
      answered: 0,
      answerRate: null,
      votes: 0,
      helpfulRate: null,
    });
    // Busiest first.
    expect(body.entries?.slice(0, 2).map((e) => e.id)).toEqual(['track-order', 'order-delayed']);
  });

  it("lists an entry's five newest questions, with whether it answered them and the vote on its answer", async () => {
    const { body } = await get(`?${PERIOD}`, adminToken);
    const trackOrder = body.entries?.find((e) => e.id === 'track-order');
    expect(trackOrder?.recentQuestions.map((q) => [q.text, q.answered, q.helpful])).toEqual([
      ['q legacy', true, null],
      // The vote on "q chosen" rated order-delayed's answer, not track-order's.
      ['q chosen', false, null],
      ['q low confidence', false, null],
      ['q no vote', true, null],
      ['q did not help', true, false],
    ]);
    const delayed = body.entries?.find((e) => e.id === 'order-delayed');
    expect(delayed?.recentQuestions).toMatchObject([
      { text: 'q chosen', answered: true, helpful: true, at: '2025-12-05T10:00:00.000Z' },
    ]);
    expect(delayed?.recentQuestions[0]?.conversationId).toMatch(/^stats-\d+$/);
  });

  it('lists every entry of the knowledge with its title and answer (the entry picker)', async () => {
    const { body } = await get(`?${PERIOD}`, adminToken);
    const entries = server.app.knowledge.snapshot().knowledgeBase.entries;
    expect(body.entries?.map((e) => e.id).sort()).toEqual(entries.map((e) => e.id).sort());
    for (const entry of entries) {
      expect(body.entries?.find((e) => e.id === entry.id)).toMatchObject({ title: entry.title, answer: entry.answer });
    }
  });

  it('defaults to the 30 days before now', async () => {
    const now = Date.now();
    await message(
      new Date(now - 60 * 60_000).toISOString(),
      'q an hour ago',
      question('cancel-order', 'cancel-order', 1),
    );
    await message(
      new Date(now - 31 * 86_400_000).toISOString(),
      'q a month ago',
      question('cancel-order', 'cancel-order', 1),
    );
    const { status, body } = await get('', adminToken);
    expect(status).toBe(200);
    expect(Date.parse(body.to ?? '') - Date.parse(body.from ?? '')).toBe(30 * 86_400_000);
    expect(body.entries?.find((e) => e.id === 'cancel-order')).toMatchObject({ questions: 1, helpful: 1 });
    expect(body.entries?.find((e) => e.id === 'track-order')).toMatchObject({ questions: 0 });
  });

  it.each([
    ['from=yesterday', 'from'],
    ['from=2025-02-31', 'from'],
    ['from=2025-13-01', 'from'],
    ['to=2025-12-01T10:00', 'to'],
    ['to=2025-12-01T10:00:00', 'to'],
    ['to=1733011200000', 'to'],
    ['from=2025-12-01&from=2025-12-02', 'from'],
    ['from=2025-12-08&to=2025-12-01', 'before to'],
    ['from=2025-12-01&to=2025-12-01', 'before to'],
    ['from=2025-12-01T10:00:00%2B01:00&to=2025-12-01T09:00:00Z', 'before to'],
  ])('answers 400 naming the parameter for %s', async (query, named) => {
    const { status, body } = await get(`?${query}`, adminToken);
    expect(status).toBe(400);
    expect(body.error?.code).toBe('invalid_request');
    expect(body.error?.message).toContain(named);
  });

  it('accepts a date-time with an offset and reports the period in UTC', async () => {
    const { status, body } = await get('?from=2025-12-01T01:00:00%2B01:00&to=2025-12-08T00:00:00Z', adminToken);
    expect(status).toBe(200);
    expect(body.from).toBe('2025-12-01T00:00:00.000Z');
    expect(body.entries?.find((e) => e.id === 'track-order')).toMatchObject({ questions: 7 });
  });
});
