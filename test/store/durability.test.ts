import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { Durability } from '../../src/store/durability.ts';
import type { SqliteSynchronous } from '../../src/store/sqlite-synchronous.ts';
import { SqliteWal } from '../../src/store/sqlite-wal.ts';
import { type CommitLedger, recordCommits } from '../helpers/commit-ledger.ts';
import { makeTempDir } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

// SQLite only: its WAL, pragmas and fsync (PostgreSQL has none to set; its side is in postgres-database.test.ts).
describe.skipIf(ON_POSTGRES)('Durability', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
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

  it('in request mode commits writes with NORMAL and makes them durable with one WAL sync after them, no statement', async () => {
    const { db, durability, ledger } = await open('request');
    await write(db, 'a');
    await write(db, 'b');
    expect(ledger.commits().at(-1)).toMatchObject({
      synchronous: 'normal',
      sql: expect.stringMatching(/^insert into "directline_key"/),
    });

    const before = ledger.events.length;
    await durability.sync();
    ledger.mark('synced');
    // The folder once (as SQLite syncs a new WAL's folder), then the WAL; no SQL, no connection.
    expect(ledger.events.slice(before)).toEqual([
      { kind: 'file-sync', call: 'fsync' },
      { kind: 'file-sync', call: 'fdatasync' },
      { kind: 'mark', label: 'synced' },
    ]);
    expect(ledger.durableAtMarks()).toEqual([expect.objectContaining({ label: 'synced', durable: true })]);
    // SQLite reports 1 = NORMAL: ordinary commits stay cheap.
    expect(await synchronous(db)).toBe(1);
  });

  it('syncs nothing when nothing changed since the last sync, so concurrent answers share one fsync', async () => {
    const { db, durability, ledger } = await open('request');
    await write(db, 'a');
    await Promise.all([durability.sync(), durability.sync(), durability.sync()]);
    expect(ledger.fileSyncs('fdatasync')).toBe(1);
    await durability.sync();
    await db.selectFrom('directline_key').selectAll().execute();
    await durability.sync();
    expect(ledger.fileSyncs('fdatasync')).toBe(1);
    await write(db, 'b');
    await durability.sync();
    expect(ledger.fileSyncs('fdatasync')).toBe(2);
  });

  it('group commit: calls arriving during a sync share the next one, which covers all their writes', async () => {
    const { db, durability, ledger } = await open('request');
    await write(db, 'warm');
    await durability.sync();
    // Holds every WAL sync until released, so calls pile up behind the running one.
    const held: Array<() => void> = [];
    const datasync = SqliteWal.prototype.datasync;
    vi.spyOn(SqliteWal.prototype, 'datasync').mockImplementation(function gated(this: SqliteWal) {
      return new Promise<void>((resolve) => held.push(resolve)).then(() => datasync.call(this));
    });
    const release = async (): Promise<void> => {
      while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      held.shift()?.();
    };
    await write(db, 'a');
    const first = durability.sync().then(() => ledger.mark('a'));
    await write(db, 'b');
    const second = durability.sync().then(() => ledger.mark('b'));
    await write(db, 'c');
    const third = durability.sync().then(() => ledger.mark('c'));
    await release();
    await first;
    await release();
    await Promise.all([second, third]);
    // One sync for "a" (running when b and c came), one shared by "b" and "c".
    expect(ledger.fileSyncs('fdatasync')).toBe(1 + 2);
    expect(ledger.durableAtMarks().map((m) => [m.label, m.durable])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
    ]);
  });

  it("leaves each request's commits durable at its resolved sync while writes run concurrently", async () => {
    const { db, durability, ledger } = await open('request');
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await write(db, `k${i}`);
        ledger.mark(`wrote ${i}`);
        await durability.sync();
        ledger.mark(`answered ${i}`);
      }),
    );
    // Each answer needs a WAL sync that started after its own write had committed. (Other requests'
    // writes keep committing during a sync, which holds no connection; each is covered by its own.)
    const unsynced = Array.from({ length: 20 }, (_, i) => {
      const at = (label: string) => ledger.events.findIndex((e) => e.kind === 'mark' && e.label === label);
      const between = ledger.events.slice(at(`wrote ${i}`), at(`answered ${i}`));
      return between.some((e) => e.kind === 'file-sync' && e.call === 'fdatasync') ? undefined : i;
    }).filter((i) => i !== undefined);
    expect(unsynced).toEqual([]);
    // Group commit: far fewer syncs than answers.
    expect(ledger.fileSyncs('fdatasync')).toBeLessThan(20);
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
