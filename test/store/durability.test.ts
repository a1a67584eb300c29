import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { Durability } from '../../src/store/durability.ts';
import type { SqliteSynchronous } from '../../src/store/sqlite-synchronous.ts';
import { type CommitLedger, recordCommits } from '../helpers/commit-ledger.ts';
import { makeTempDir } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

// SQLite only: its WAL, pragmas and fsync (PostgreSQL has none to set; its side is in postgres-database.test.ts).
describe.skipIf(ON_POSTGRES)('Durability', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(mode: SqliteSynchronous): Promise<{ db: Db; durability: Durability; ledger: CommitLedger }> {
    const ledger = recordCommits();
    cleanups.push(() => ledger.restore());
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const db = await openDatabase(path.join(dir, 'x.sqlite'), { synchronous: mode });
    cleanups.push(() => db.destroy());
    return { db, durability: new Durability(db, mode), ledger };
  }

  async function write(db: Db, name: string): Promise<void> {
    await db.insertInto('directline_key').values({ name, value: 'v', created_at: '2024-01-01' }).execute();
  }

  async function synchronous(db: Db): Promise<unknown> {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    return rows[0]?.synchronous;
  }

  it('in request mode commits writes with NORMAL and makes them durable with one FULL commit after them', async () => {
    const { db, durability, ledger } = await open('request');
    await write(db, 'a');
    await write(db, 'b');
    expect(ledger.commits().at(-1)).toMatchObject({
      synchronous: 'normal',
      sql: expect.stringMatching(/^insert into "directline_key"/),
    });

    const before = ledger.commits().length;
    await durability.sync();
    ledger.mark('synced');
    expect(ledger.commits().slice(before)).toEqual([{ kind: 'commit', synchronous: 'full', sql: 'commit' }]);
    expect(ledger.durableAtMarks()).toEqual([expect.objectContaining({ label: 'synced', durable: true })]);
    // SQLite reports 1 = NORMAL: ordinary commits are cheap again.
    expect(await synchronous(db)).toBe(1);
  });

  it('syncs nothing when nothing changed since the last sync, so concurrent answers share one fsync', async () => {
    const { db, durability, ledger } = await open('request');
    await write(db, 'a');
    await Promise.all([durability.sync(), durability.sync(), durability.sync()]);
    expect(ledger.commits().filter((c) => c.synchronous === 'full')).toHaveLength(1);
    await durability.sync();
    expect(ledger.commits().filter((c) => c.synchronous === 'full')).toHaveLength(1);
  });

  it('leaves every commit durable at each resolved sync while writes run concurrently', async () => {
    const { db, durability, ledger } = await open('request');
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await write(db, `k${i}`);
        await durability.sync();
        ledger.mark(`request ${i}`);
      }),
    );
    const marks = ledger.durableAtMarks();
    expect(marks).toHaveLength(20);
    expect(marks.filter((m) => !m.durable)).toEqual([]);
  });

  it.each([
    ['full', 2],
    ['normal', 1],
  ] as const)('does nothing in %s mode (connection synchronous = %d)', async (mode, level) => {
    const { db, durability, ledger } = await open(mode);
    await write(db, 'a');
    const before = ledger.events.length;
    await durability.sync();
    expect(ledger.events.length).toBe(before);
    expect(await synchronous(db)).toBe(level);
  });
});
