import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseStorage, ETagConflictError } from '../../src/bot/database-storage.ts';
import { BotStateRepository } from '../../src/store/bot-state.repository.ts';
import { freshDatabase } from '../helpers/test-database.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

describe('DatabaseStorage', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let storage: DatabaseStorage;

  beforeEach(async () => {
    ctx = await freshDatabase();
    storage = new DatabaseStorage(new BotStateRepository(ctx.db));
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  it('reads nothing for unknown keys', async () => {
    expect(await storage.read(['nope'])).toEqual({});
  });

  it('upserts items without an eTag and returns them with a fresh eTag', async () => {
    await storage.write({ a: { count: 1 } });
    const first = await storage.read(['a']);
    expect(first.a).toMatchObject({ count: 1 });
    expect(typeof first.a?.eTag).toBe('string');

    await storage.write({ a: { count: 2 } });
    const second = await storage.read(['a']);
    expect(second.a).toMatchObject({ count: 2 });
    expect(second.a?.eTag).not.toBe(first.a?.eTag);
  });

  it('treats eTag "*" as an unconditional write', async () => {
    await storage.write({ a: { v: 1 } });
    await storage.write({ a: { v: 2, eTag: '*' } });
    expect((await storage.read(['a'])).a).toMatchObject({ v: 2 });
  });

  it('accepts a write whose eTag matches, then rejects the now stale eTag', async () => {
    await storage.write({ a: { v: 1 } });
    const { a } = await storage.read(['a']);
    await storage.write({ a: { ...a, v: 2 } });
    await expect(storage.write({ a: { ...a, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    await expect(storage.write({ a: { ...a, v: 3 } })).rejects.toThrow(
      'Storage: error writing "a" due to eTag conflict.',
    );
    expect((await storage.read(['a'])).a).toMatchObject({ v: 2 });
  });

  it('lets exactly one of two concurrent writers with the same eTag win', async () => {
    await storage.write({ a: { v: 0 } });
    const { a } = await storage.read(['a']);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => storage.write({ a: { ...a, v: i + 1 } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(7);
  });

  it('keeps every concurrent upsert of distinct keys', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => storage.write({ [`k${i}`]: { i } })));
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    const items = await storage.read(keys);
    expect(Object.keys(items)).toHaveLength(50);
    expect(items.k42).toMatchObject({ i: 42 });
  });

  it('deletes items and ignores unknown keys', async () => {
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'never-written']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  it('keeps data after the database file is closed and reopened', async () => {
    await storage.write({
      'webchat/conversations/c1': { dialogState: { step: 2 }, text: 'héllo "quotes" ; drop table' },
    });
    await ctx.db.destroy();
    const reopened = new DatabaseStorage(new BotStateRepository(await ctx.reopen()));
    expect((await reopened.read(['webchat/conversations/c1']))['webchat/conversations/c1']).toMatchObject({
      dialogState: { step: 2 },
      text: 'héllo "quotes" ; drop table',
    });
  });

  // SQLite only: PostgreSQL has no journal mode to choose, and its foreign keys are always on.
  it.skipIf(ON_POSTGRES)('runs the database in WAL mode with foreign keys on', async () => {
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(ctx.db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(ctx.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    expect(fk.rows[0]?.foreign_keys).toBe(1);
  });
});
