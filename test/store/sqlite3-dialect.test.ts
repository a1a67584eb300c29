import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DatabaseOptions, type Db, openDatabase } from '../../src/store/database.ts';
import { ConnectionMutex } from '../../src/store/sqlite3-dialect.ts';
import { makeTempDir } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

// SQLite only: the driver over the `sqlite3` package keeps its statements prepared.
describe.skipIf(ON_POSTGRES)('the sqlite3 driver', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(options: DatabaseOptions = {}): Promise<{ db: Db; file: string }> {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'x.sqlite');
    const db = await openDatabase(file, options);
    cleanups.push(() => db.destroy());
    await sql`create table t (id integer primary key, v text not null unique)`.execute(db);
    return { db, file };
  }

  const insert = (db: Db, id: number, v: string) => sql`insert into t (id, v) values (${id}, ${v})`.execute(db);
  const rows = async (db: Db) =>
    (await sql<{ id: number; v: string }>`select id, v from t where id > ${0} order by id`.execute(db)).rows;

  it('prepares a statement once and runs it with each call’s parameters', async () => {
    const { db } = await open();
    const prepare = vi.spyOn(sqlite3.Database.prototype, 'prepare');
    for (let i = 1; i <= 20; i++) await insert(db, i, `v${i}`);
    expect((await rows(db)).map((r) => r.v)).toEqual(Array.from({ length: 20 }, (_, i) => `v${i + 1}`));
    expect(await rows(db)).toHaveLength(20);
    // One insert and one select text, each prepared once.
    expect(prepare.mock.calls.map((call) => String(call[0]))).toEqual([
      'insert into t (id, v) values (?, ?)',
      'select id, v from t where id > ? order by id',
    ]);
  });

  it('keeps no read open between runs: VACUUM and a truncating checkpoint go ahead', async () => {
    const { db, file } = await open();
    for (let i = 1; i <= 50; i++) await insert(db, i, 'x'.repeat(500) + i);
    expect(await rows(db)).toHaveLength(50);
    await sql`delete from t where id > ${10}`.execute(db);
    await sql`vacuum`.execute(db);
    const checkpoint = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(db);
    expect(checkpoint.rows[0]?.busy).toBe(0);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
    expect(await rows(db)).toHaveLength(10);
  });

  it('reports a failed statement with SQLite’s message and runs the same text again afterwards', async () => {
    const { db } = await open();
    await insert(db, 1, 'a');
    await expect(insert(db, 2, 'a')).rejects.toThrow(/UNIQUE constraint failed: t\.v/);
    await insert(db, 2, 'b');
    expect((await rows(db)).map((r) => r.v)).toEqual(['a', 'b']);
    await expect(sql`select nope from t`.execute(db)).rejects.toThrow(/no such column: nope/);
  });

  it('closes with statements kept, and a closed database refuses work', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const db = await openDatabase(path.join(dir, 'y.sqlite'));
    await sql`create table t (id integer primary key, v text not null unique)`.execute(db);
    await insert(db, 1, 'a');
    await rows(db);
    await db.destroy();
    await expect(rows(db)).rejects.toThrow();
  });

  it('hands the connection to waiting queries in the order they asked', async () => {
    const { db } = await open();
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await insert(trx, i + 1, `v${i}`);
          done.push(i);
        }),
      ),
    );
    expect(done).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(await rows(db)).toHaveLength(30);
  });

  it('gives the connection to those already waiting before one who asks right after a release', async () => {
    const mutex = new ConnectionMutex();
    const order: string[] = [];
    const take = async (name: string): Promise<void> => {
      await mutex.lock();
      order.push(name);
    };
    await mutex.lock();
    const first = take('first waiter');
    const second = take('second waiter');
    mutex.unlock();
    // Asks in the same tick as the release, before the woken waiter has run: it must queue behind
    // both. (The lock before this one woke every waiter and let whoever ran first take it.)
    const late = take('late');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first waiter']);
    mutex.unlock();
    await second;
    mutex.unlock();
    await late;
    mutex.unlock();
    await first;
    expect(order).toEqual(['first waiter', 'second waiter', 'late']);
    // Free again: taken at once.
    await mutex.lock();
  });

  it('tells where each statement spent its time when asked (SQLite itself, and the whole round trip)', async () => {
    const seen: Array<[string, string, number]> = [];
    const { db } = await open({
      statementTimings: {
        sqlite: (text, ms) => seen.push(['sqlite', text, ms]),
        roundTrip: (text, ms) => seen.push(['roundTrip', text, ms]),
      },
    });
    seen.length = 0;
    await insert(db, 1, 'a');
    await rows(db);
    const of = (kind: string, text: string) => seen.filter(([k, t]) => k === kind && t.startsWith(text));
    for (const text of ['insert into t', 'select id, v from t']) {
      expect(of('roundTrip', text)).toHaveLength(1);
      // SQLite reports when the statement ends, which may be after the promise chain resumed.
      await vi.waitFor(() => expect(of('sqlite', text)).toHaveLength(1));
      const sqliteMs = of('sqlite', text)[0]?.[2];
      const roundTripMs = of('roundTrip', text)[0]?.[2];
      expect(sqliteMs).toBeGreaterThanOrEqual(0);
      expect(roundTripMs).toBeGreaterThan(0);
    }
  });

  it('tells how long each holder kept the connection and how many statements it ran', async () => {
    const holders: Array<{ ms: number; statements: number }> = [];
    const { db } = await open({
      statementTimings: {
        sqlite: () => {},
        roundTrip: () => {},
        held: (ms, statements) => holders.push({ ms, statements }),
      },
    });
    holders.length = 0;
    await rows(db);
    await db.transaction().execute(async (trx) => {
      await insert(trx, 1, 'a');
      await insert(trx, 2, 'b');
      // A query asked for meanwhile waits for the transaction: it is a holder of its own, after it.
      void rows(db);
      await new Promise((resolve) => setImmediate(resolve));
    });
    await vi.waitFor(() => expect(holders).toHaveLength(3));
    // The lone select; begin, two inserts and commit; then the select that waited.
    expect(holders.map((h) => h.statements)).toEqual([1, 4, 1]);
    for (const holder of holders) expect(holder.ms).toBeGreaterThan(0);
  });
});
