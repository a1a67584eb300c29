import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { RateLimitRepository } from '../../src/directline/rate-limit.repository.ts';
import { SharedRateLimiter } from '../../src/http/directline/shared-rate-limit.ts';
import { NotificationRepository } from '../../src/notifications/notification.repository.ts';
import type { Db } from '../../src/store/database.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { freshDatabase } from '../helpers/test-database.ts';

/**
 * What several server processes share through the database, each "process" here being its own
 * connection (pool) to the same database: the outbox is claimed once, and the token limit is one
 * limit. On SQLite and (ANSWERDESK_TEST_DB=postgres) on PostgreSQL, where claims skip locked rows.
 */
describe('work shared by several processes on one database', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let others: Db[];

  beforeEach(async () => {
    ctx = await freshDatabase();
    others = [await ctx.reopen(), await ctx.reopen(), await ctx.reopen()];
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  async function queueNotifications(count: number): Promise<void> {
    const { customerId } = await seedConversation(ctx.db, { conversationId: 'c1', name: 'Casey', messages: ['hello'] });
    const { ticket } = await createCrmServices(ctx.db).tickets.escalate({
      conversationId: 'c1',
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'hello',
      category: null,
    });
    const outbox = new NotificationRepository(ctx.db);
    await ctx.db.deleteFrom('notifications_outbox').execute();
    const at = '2026-01-01T00:00:00.000Z';
    for (let n = 0; n < count; n += 1)
      await outbox.enqueue(
        ticket.id,
        { event: 'ticket.created', ticket: { reference: ticket.reference } } as never,
        `key-${n}`,
        at,
      );
  }

  it('gives each due notification to exactly one of four workers claiming at the same moment', async () => {
    await queueNotifications(120);
    const workers = [ctx.db, ...others].map((db) => new NotificationRepository(db));
    const now = '2026-01-01T00:01:00.000Z';
    const lease = '2026-01-01T00:05:00.000Z';
    // Each worker claims in batches of 10 until nothing is left, all four at once.
    const claimedBy = await Promise.all(
      workers.map(async (outbox) => {
        const mine: number[] = [];
        for (;;) {
          const batch = await outbox.claimDue(now, lease, 10);
          if (batch.length === 0) return mine;
          mine.push(...batch.map((n) => n.id));
        }
      }),
    );
    const all = claimedBy.flat();
    expect(all).toHaveLength(120);
    expect(new Set(all).size).toBe(120);
    // Claimed rows are leased: nothing is due again before the lease ends, everything after it.
    expect(await workers[0]?.claimDue(now, lease, 500)).toEqual([]);
    expect(await workers[1]?.claimDue(lease, '2026-01-01T00:10:00.000Z', 500)).toHaveLength(120);
  });

  it('keeps one limit per address across processes, counting every request exactly once', async () => {
    const clock = Date.UTC(2026, 0, 1, 0, 0, 10);
    const limiters = [ctx.db, ...others].map(
      (db) => new SharedRateLimiter(new RateLimitRepository(db), 30, 60_000, () => clock),
    );
    // 40 requests from one address spread over four processes, all at once: exactly 30 pass.
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, n) => limiters[n % limiters.length]?.take('203.0.113.7')),
    );
    expect(decisions.filter((d) => d?.kind === 'allowed')).toHaveLength(30);
    expect(decisions.filter((d) => d?.kind === 'limited')).toEqual(
      Array.from({ length: 10 }, () => ({ kind: 'limited', retryAfterSeconds: 50 })),
    );
    // Another address has its own limit; the address itself is never stored.
    expect(await limiters[2]?.take('198.51.100.9')).toEqual({ kind: 'allowed' });
    const keys = await ctx.db.selectFrom('rate_limit_windows').select('key').execute();
    expect(keys.map((k) => k.key).join(' ')).not.toMatch(/203\.0|198\.51/);
  });

  it('starts a new window when the old one ends, and forgets windows that ended', async () => {
    let clock = Date.UTC(2026, 0, 1, 0, 0, 59);
    const windows = new RateLimitRepository(ctx.db);
    const limiter = new SharedRateLimiter(windows, 2, 60_000, () => clock);
    expect(await limiter.take('a')).toEqual({ kind: 'allowed' });
    expect(await limiter.take('a')).toEqual({ kind: 'allowed' });
    expect(await limiter.take('a')).toEqual({ kind: 'limited', retryAfterSeconds: 1 });
    clock += 1_000;
    expect(await limiter.take('a')).toEqual({ kind: 'allowed' });
    expect(await windows.forgetBefore(new Date(Date.UTC(2026, 0, 1, 0, 1, 0)).toISOString())).toBe(1);
  });
});
