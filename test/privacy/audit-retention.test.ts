import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { RetentionWorker } from '../../src/privacy/retention.worker.ts';
import { retentionRules } from '../../src/privacy/retention-rules.ts';
import { freshDatabase } from '../helpers/test-database.ts';

/** The audit trail keeps its own period (`RETENTION_AUDIT_DAYS`): older events go, in batches. */
describe('audit trail retention', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  beforeEach(async () => {
    ctx = await freshDatabase();
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  it('deletes audit events older than RETENTION_AUDIT_DAYS and keeps the newer ones', async () => {
    const now = Date.UTC(2026, 11, 7, 12, 0, 0);
    const day = 86_400_000;
    const ages = [0, 5, 29, 31, 400];
    for (const [n, age] of ages.entries())
      await ctx.db
        .insertInto('audit_events')
        .values({
          at: new Date(now - age * day).toISOString(),
          actor_kind: 'admin',
          actor_id: null,
          actor_name: 'Ada',
          action: `ticket.read.${n}`,
          target_type: 'ticket',
          target_id: `T-${1000 + n}`,
          address: null,
          detail: '{}',
        })
        .execute();
    const retention = loadConfig({ RETENTION_AUDIT_DAYS: '30' }).retention;
    const worker = new RetentionWorker(ctx.db, retentionRules(retention), {
      logger: pino({ level: 'silent' }),
      everyMs: 3_600_000,
      batchSize: 1,
      clock: () => new Date(now),
    });
    const outcome = (await worker.runOnce()).find((o) => o.rule === 'audit events');
    expect(outcome?.deleted).toBe(2);
    const left = await ctx.db.selectFrom('audit_events').select('action').orderBy('id').execute();
    expect(left.map((e) => e.action)).toEqual(['ticket.read.0', 'ticket.read.1', 'ticket.read.2']);
  });
});
