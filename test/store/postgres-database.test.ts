import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { isPostgres } from '../../src/store/dialect.ts';
import { Durability } from '../../src/store/durability.ts';
import { freshDatabase } from '../helpers/test-database.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

function customer(name: string): { name: string; first_seen_at: string; last_seen_at: string } {
  const now = new Date().toISOString();
  return { name, first_seen_at: now, last_seen_at: now };
}

// Needs a PostgreSQL server: runs in `npm run test:postgres` (and .ci/run), skipped on SQLite.
describe.skipIf(!ON_POSTGRES)('openDatabase on PostgreSQL', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function fresh(): Promise<Awaited<ReturnType<typeof freshDatabase>>> {
    const ctx = await freshDatabase();
    cleanups.push(ctx.cleanup);
    return ctx;
  }

  it('opens PostgreSQL for a postgres:// URL and creates every table', async () => {
    const { db } = await fresh();
    expect(isPostgres(db)).toBe(true);
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db);
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['bot_state', 'messages', 'tickets', 'notifications_outbox', 'directline_activity']),
    );
  });

  it('numbers ids from one per table, as SQLite does', async () => {
    const { db } = await fresh();
    const ids: number[] = [];
    for (const name of ['Ann', 'Bo', 'Cy']) {
      const row = await db.insertInto('customers').values(customer(name)).returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    expect(ids).toEqual([1, 2, 3]);
  });

  it.each([
    ['count(*)', sql<number>`(select count(*) from customers)`],
    ['sum of integers', sql<number>`(select sum(id) from customers)`],
    ['avg (numeric)', sql<number>`(select avg(id) from customers)`],
    ['extract(epoch)', sql<number>`extract(epoch from timestamptz '1970-01-01T00:00:02.5Z')`],
  ])('reads %s as a JavaScript number, not a string', async (_name, expression) => {
    const { db } = await fresh();
    await db
      .insertInto('customers')
      .values([customer('a'), customer('b')])
      .execute();
    const { rows } = await sql<{ value: unknown }>`select ${expression} as value`.execute(db);
    expect(typeof rows[0]?.value).toBe('number');
  });

  it('stores a real column with double precision, as SQLite does', async () => {
    const { db } = await fresh();
    const confidence = 0.123456789012345;
    await db
      .insertInto('conversations')
      .values({ id: 'c', channel_id: 'directline', reference: '{}', started_at: 'x', last_activity_at: 'x' })
      .execute();
    await db
      .insertInto('messages')
      .values({
        conversation_id: 'c',
        direction: 'inbound',
        author: 'customer',
        activity_type: 'message',
        created_at: new Date().toISOString(),
        match_confidence: confidence,
      })
      .execute();
    const row = await db.selectFrom('messages').select('match_confidence').executeTakeFirstOrThrow();
    expect(row.match_confidence).toBe(confidence);
  });

  it('keeps two databases of one server apart, migrations included', async () => {
    const first = await fresh();
    const second = await fresh();
    await first.db.insertInto('customers').values(customer('only in the first')).execute();
    expect(await second.db.selectFrom('customers').selectAll().execute()).toEqual([]);
    // Reopening runs no migration twice (each schema has its own kysely_migration).
    const again = await first.reopen();
    expect(await again.selectFrom('customers').select('name').execute()).toEqual([{ name: 'only in the first' }]);
  });

  it('opens read-only: reads work, a write fails', async () => {
    const { file, db } = await fresh();
    await db.insertInto('customers').values(customer('Ann')).execute();
    const reader: Db = await openDatabase(file, { readOnly: true });
    cleanups.push(() => reader.destroy());
    expect(await reader.selectFrom('customers').select('name').execute()).toEqual([{ name: 'Ann' }]);
    await expect(reader.insertInto('customers').values(customer('Bo')).execute()).rejects.toThrow(/read-only/);
  });

  it('makes Durability.sync a no-op: a PostgreSQL commit is durable when it returns', async () => {
    const { db } = await fresh();
    // In request mode on SQLite, sync runs pragmas that PostgreSQL would reject.
    await expect(new Durability(db, 'request').sync()).resolves.toBeUndefined();
  });

  it('names the database without its password when it cannot connect', async () => {
    const url = 'postgres://someone:s3cret-pw@127.0.0.1:1/nowhere?connect_timeout=2';
    const error: unknown = await openDatabase(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('postgres://someone:***@127.0.0.1:1/nowhere');
    expect((error as Error).message).not.toContain('s3cret-pw');
  });
});
