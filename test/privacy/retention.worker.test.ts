import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { RetentionWorker } from '../../src/privacy/retention.worker.ts';
import type { RetentionRule } from '../../src/privacy/retention-rule.ts';
import { retentionRules } from '../../src/privacy/retention-rules.ts';
import type { Db } from '../../src/store/database.ts';
import { directLine, startConversation } from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

const DAY = 86_400_000;
const ago = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

interface Seed {
  readonly id: string;
  /** Days since the conversation's last activity. */
  readonly silentDays: number;
  readonly messages?: number;
  /** Its tickets: status and days since solved (or updated). */
  readonly tickets?: ReadonlyArray<{ readonly status: 'new' | 'open' | 'solved' | 'closed'; readonly days: number }>;
  /** Notifications about its first ticket: status and age in days. */
  readonly notifications?: ReadonlyArray<{
    readonly status: 'pending' | 'delivered' | 'failed';
    readonly days: number;
  }>;
}

/** A conversation as the server stores one, every table filled, with its timestamps set `silentDays` back. */
async function seed(db: Db, s: Seed): Promise<void> {
  const at = ago(s.silentDays);
  const customer = await db
    .insertInto('customers')
    .values({ name: `customer ${s.id}`, email: `${s.id}@example.com`, first_seen_at: at, last_seen_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('customer_identities')
    .values({ channel_id: 'directline', channel_user_id: `user-${s.id}`, customer_id: customer.id })
    .execute();
  await db
    .insertInto('conversations')
    .values({
      id: s.id,
      channel_id: 'directline',
      customer_id: customer.id,
      reference: '{}',
      started_at: at,
      last_activity_at: at,
    })
    .execute();
  await db
    .insertInto('directline_conversation')
    .values({
      id: s.id,
      user_id: `user-${s.id}`,
      user_name: null,
      started_at: at,
      last_seq: 0,
      created_at: at,
      start_turn_done_at: at,
    })
    .execute();
  const count = s.messages ?? 4;
  const messageIds: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = await db
      .insertInto('messages')
      .values({
        conversation_id: s.id,
        customer_id: customer.id,
        direction: 'inbound',
        author: 'customer',
        activity_type: 'message',
        activity_id: `${s.id}-${i}`,
        reply_to_id: null,
        text: `message ${i}`,
        created_at: at,
        match_kind: null,
        match_entry_id: null,
        match_confidence: null,
        match_candidates: null,
        answered_entry_id: null,
        helpful: null,
        voted_at: null,
        sentiment_score: 0,
        sentiment_comparative: 0,
        sentiment_label: 'neutral',
        is_complaint: 0,
        complaint_category: null,
        complaint_severity: null,
        complaint_confidence: null,
        message_kind: 'question',
        prompt: null,
        action: null,
        action_entry_id: null,
        chosen_entry_id: null,
        none_of_these: null,
        handoff_after_answer: null,
        language: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    messageIds.push(row.id);
    await db
      .insertInto('directline_activity')
      .values({
        conversation_id: s.id,
        seq: i + 1,
        activity: JSON.stringify({ text: `message ${i}` }),
        created_at: at,
        turn_done_at: at,
        client_activity_id: null,
        reply_to_id: null,
      })
      .execute();
  }
  await db
    .insertInto('handoff_requests')
    .values({
      conversation_id: s.id,
      customer_id: customer.id,
      message_id: messageIds[0] ?? null,
      reason: 'requested',
      created_at: at,
    })
    .execute();
  await db
    .insertInto('bot_state')
    .values({ key: `directline/conversations/${s.id}/`, data: '{}', etag: '1', updated_at: at })
    .execute();
  for (const [i, t] of (s.tickets ?? []).entries()) {
    const when = ago(t.days);
    const ticket = await db
      .insertInto('tickets')
      .values({
        reference: `T-${s.id}-${i}`,
        conversation_id: s.id,
        customer_id: customer.id,
        subject: 's',
        category: null,
        priority: 'normal',
        status: t.status,
        reason: 'requested',
        assignee_id: null,
        created_at: at,
        updated_at: when,
        first_response_at: null,
        solved_at: t.status === 'solved' || t.status === 'closed' ? when : null,
        csat_rating: 5,
        csat_comment: null,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('ticket_events')
      .values({ ticket_id: ticket.id, type: 'created', actor: 'bot', data: '{}', created_at: at })
      .execute();
    await db
      .insertInto('handoffs')
      .values({
        ticket_id: ticket.id,
        conversation_id: s.id,
        state: 'completed',
        agent_id: null,
        started_at: at,
        state_changed_at: when,
      })
      .execute();
    if (i > 0) continue;
    for (const [j, n] of (s.notifications ?? [{ status: 'delivered', days: s.silentDays }]).entries()) {
      await db
        .insertInto('notifications_outbox')
        .values({
          ticket_id: ticket.id,
          event: 'ticket.created',
          payload: '{}',
          idempotency_key: `${s.id}-${j}`,
          status: n.status,
          attempts: 1,
          next_attempt_at: ago(n.days),
          last_error: null,
          delivered_at: null,
          created_at: ago(n.days),
        })
        .execute();
    }
  }
}

async function rowsOf(db: Db, conversationId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select
      (select count(*) from conversations where id = ${conversationId})
    + (select count(*) from messages where conversation_id = ${conversationId})
    + (select count(*) from handoff_requests where conversation_id = ${conversationId})
    + (select count(*) from directline_conversation where id = ${conversationId})
    + (select count(*) from directline_activity where conversation_id = ${conversationId})
    + (select count(*) from tickets where conversation_id = ${conversationId})
    + (select count(*) from handoffs where conversation_id = ${conversationId})
    + (select count(*) from bot_state where key = ${`directline/conversations/${conversationId}/`})
    + (select count(*) from customers where email = ${`${conversationId}@example.com`}) as n`.execute(db);
  return Number(rows[0]?.n);
}

/**
 * The retention worker on a real SQLite file of a running server: rows of various ages, defaults
 * of `RETENTION_*` (90 days bot-only, 730 days after solve, 30 days for webhook deliveries), and
 * customers chatting while it deletes.
 */
describe('RetentionWorker', () => {
  let server: RunningApp;
  const cases: ReadonlyArray<[Seed, 'kept' | 'deleted']> = [
    [{ id: 'bot-old', silentDays: 400 }, 'deleted'],
    [{ id: 'bot-91-days', silentDays: 91 }, 'deleted'],
    [{ id: 'bot-89-days', silentDays: 89 }, 'kept'],
    [{ id: 'bot-recent', silentDays: 2 }, 'kept'],
    [{ id: 'solved-long-ago', silentDays: 800, tickets: [{ status: 'solved', days: 800 }] }, 'deleted'],
    [
      {
        id: 'closed-long-ago',
        silentDays: 800,
        tickets: [
          { status: 'closed', days: 790 },
          { status: 'solved', days: 760 },
        ],
      },
      'deleted',
    ],
    [{ id: 'solved-lately', silentDays: 100, tickets: [{ status: 'solved', days: 100 }] }, 'kept'],
    [{ id: 'open-long-ago', silentDays: 800, tickets: [{ status: 'open', days: 800 }] }, 'kept'],
    [
      {
        id: 'one-solved-lately',
        silentDays: 800,
        tickets: [
          { status: 'solved', days: 800 },
          { status: 'solved', days: 10 },
        ],
      },
      'kept',
    ],
    [{ id: 'back-after-solve', silentDays: 5, tickets: [{ status: 'solved', days: 800 }] }, 'kept'],
  ];
  const bulk = Array.from({ length: 15 }, (_, i): Seed => ({ id: `bulk-${i}`, silentDays: 200 + i, messages: 120 }));

  beforeAll(async () => {
    server = await startApp();
    const db = server.app.db;
    for (const [s] of cases) await seed(db, s);
    for (const s of bulk) await seed(db, s);
    // Webhook deliveries on a ticket that is kept: delivered and failed ones expire after 30 days, pending ones never.
    await seed(db, {
      id: 'webhooks',
      silentDays: 1,
      tickets: [{ status: 'open', days: 1 }],
      notifications: [
        { status: 'delivered', days: 40 },
        { status: 'failed', days: 31 },
        { status: 'pending', days: 40 },
        { status: 'delivered', days: 29 },
      ],
    });
    // Tokens generated long ago for conversations that never reached the bot, and one lately.
    for (const [id, days] of [
      ['token-only-old', 120],
      ['token-only-new', 3],
    ] as const)
      await db
        .insertInto('directline_conversation')
        .values({
          id,
          user_id: 'u',
          user_name: null,
          started_at: null,
          last_seq: 0,
          created_at: ago(days),
          start_turn_done_at: null,
        })
        .execute();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('deletes what expired in batches while turns keep being answered, and keeps the rest', async () => {
    let logs = '';
    const logger = createLogger('info', {
      write: (line: string) => {
        logs += line;
      },
    });
    // The product's rules, each batch's end time noted.
    const batchEnds: number[] = [];
    const rules = retentionRules(loadConfig({}).retention).map(
      (rule): RetentionRule => ({
        ...rule,
        deleteBatch: async (trx, cutoff, limit) => {
          const n = await rule.deleteBatch(trx, cutoff, limit);
          if (rule.name === 'bot-only conversations' && n > 0) batchEnds.push(performance.now());
          return n;
        },
      }),
    );
    const worker = new RetentionWorker(server.app.db, rules, {
      logger,
      everyMs: 3_600_000,
    });
    const conversation = await startConversation(server.url, { id: 'chatting' });
    const turns: Array<{ status: number; at: number }> = [];
    let passDone = false;
    const chatting = (async () => {
      for (let i = 0; !passDone || i < 3; i += 1) {
        const res = await directLine(
          server.url,
          'POST',
          `/conversations/${conversation.conversationId}/activities`,
          conversation.token,
          { type: 'message', from: { id: 'chatting' }, text: `how do I track my order ${i}` },
        );
        turns.push({ status: res.status, at: performance.now() });
      }
    })();
    const started = performance.now();
    const outcomes = await worker.runOnce();
    const finished = performance.now();
    passDone = true;
    await chatting;

    const byRule = Object.fromEntries(outcomes.map((o) => [o.rule, o]));
    expect(byRule['bot-only conversations']?.batches).toBeGreaterThan(10);
    // Two on the 'webhooks' ticket, and the delivered ones older than 30 days of kept tickets (100 and 2 × 800 days).
    expect(byRule['webhook deliveries']?.deleted).toBe(5);
    expect(turns.every((t) => t.status === 200)).toBe(true);
    // Turns were answered between the batches of one rule, not after it.
    const first = batchEnds[0] ?? 0;
    const last = batchEnds.at(-1) ?? 0;
    expect(turns.filter((t) => t.at > first && t.at < last).length).toBeGreaterThan(0);
    expect(started).toBeLessThan(finished);
    expect(logs).toMatch(/retention: deleted \d+ expired rows \(bot-only conversations\)/);
    expect(logs).toMatch(
      /"rule":"bot-only conversations","deleted":\d+,"batches":10,"msg":"retention: deleting expired records"/,
    );

    const db = server.app.db;
    for (const [s, fate] of cases)
      expect([s.id, (await rowsOf(db, s.id)) > 0 ? 'kept' : 'deleted']).toEqual([s.id, fate]);
    for (const s of bulk) expect(await rowsOf(db, s.id)).toBe(0);
    // A kept conversation keeps every row.
    expect(await rowsOf(db, 'solved-lately')).toBe(1 + 4 + 1 + 1 + 4 + 1 + 1 + 1 + 1);
    const outbox = await db
      .selectFrom('notifications_outbox')
      .innerJoin('tickets', 'tickets.id', 'notifications_outbox.ticket_id')
      .select(['notifications_outbox.status', 'notifications_outbox.created_at'])
      .where('tickets.conversation_id', '=', 'webhooks')
      .execute();
    expect(outbox.map((o) => o.status).sort()).toEqual(['delivered', 'pending']);
    const tokens = await db
      .selectFrom('directline_conversation')
      .select('id')
      .where('id', 'like', 'token-only-%')
      .execute();
    expect(tokens.map((t) => t.id)).toEqual(['token-only-new']);
    // No orphans: every foreign key holds, and no bot state is left for a conversation that is gone.
    // (PostgreSQL enforces every foreign key on each delete, so only SQLite's needs the check.)
    if (!ON_POSTGRES) expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
    const strayState = await db
      .selectFrom('bot_state')
      .select('key')
      .where('key', 'like', 'directline/conversations/%')
      .execute();
    const conversations = new Set((await db.selectFrom('conversations').select('id').execute()).map((c) => c.id));
    expect(
      strayState.map((s) => s.key.split('/')[2]).filter((id) => id !== undefined && !conversations.has(id)),
    ).toEqual([]);
    // The chat that ran meanwhile is intact.
    expect(await rowsOf(db, conversation.conversationId)).toBeGreaterThan(3);

    // A second pass finds nothing.
    expect((await worker.runOnce()).map((o) => o.deleted)).toEqual([0, 0, 0, 0]);
  }, 120_000);
});
