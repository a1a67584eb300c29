import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { SqliteCheckpointer } from '../../src/store/sqlite-checkpointer.ts';
import { SqliteWal } from '../../src/store/sqlite-wal.ts';
import { makeTempDir } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

const ROW = 'x'.repeat(3_000);

// SQLite only: its write-ahead log.
describe.skipIf(ON_POSTGRES)('the background checkpointer', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** `intervalMs`: the timer's period; an hour keeps it out of a test that checkpoints by hand. */
  async function open(
    checkpoint: 'automatic' | 'background',
    intervalMs = 3_600_000,
  ): Promise<{ db: Db; file: string }> {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'x.sqlite');
    const db = await openDatabase(file, { synchronous: 'request', checkpoint, checkpointIntervalMs: intervalMs });
    cleanups.push(() => db.destroy());
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    return { db, file };
  }

  /** 60 transactions of 10 rows of 3 kB: about 1,500 WAL pages, past SQLite's 1,000-page checkpoint. */
  async function write(db: Db, from: number): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await db.transaction().execute(async (trx) => {
        for (let j = 0; j < 10; j++)
          await sql`insert into t (id, v) values (${from + i * 10 + j}, ${ROW})`.execute(trx);
      });
    }
  }

  const walPages = (file: string) => Math.round(fs.statSync(`${file}-wal`).size / 4_096);

  it("leaves the serving connection only a backstop of SQLite's automatic checkpoint; a CLI keeps it", async () => {
    const server = await open('background');
    const cli = await open('automatic');
    const pragma = async (db: Db) =>
      Object.values((await sql<Record<string, number>>`pragma wal_autocheckpoint`.execute(db)).rows[0] ?? {})[0];
    expect(await pragma(server.db)).toBe(10_000); // a backstop only, for writes without a pause
    expect(await pragma(cli.db)).toBe(1_000);
    expect(SqliteCheckpointer.of(server.db)).toBeDefined();
    expect(SqliteCheckpointer.of(cli.db)).toBeUndefined();
  });

  it('copies the whole WAL into the database file from its own connection, and the WAL then starts over', async () => {
    const { db, file } = await open('background');
    const checkpointer = SqliteCheckpointer.of(db);
    if (checkpointer === undefined) throw new Error('no checkpointer');
    await write(db, 0);
    const grown = walPages(file);
    expect(grown).toBeGreaterThan(1_000); // the serving connection did not checkpoint
    const done = await checkpointer.checkpoint();
    expect(done.busy).toBe(0);
    expect(done.checkpointed).toBe(done.log);
    await write(db, 10_000);
    expect(walPages(file)).toBeLessThanOrEqual(grown); // reused from its start, not appended to
    await checkpointer.checkpoint();
    await db.destroy();
    // Another connection reads every row from the database file alone once the WAL is gone.
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    const reader = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
    const count = await new Promise<number>((resolve, reject) =>
      reader.get('select count(*) as n from t', (err, row: { n: number }) => (err ? reject(err) : resolve(row.n))),
    );
    await new Promise((resolve) => reader.close(resolve));
    expect(count).toBe(1_200);
  });

  it('checkpoints on its own once something was written', async () => {
    const { db, file } = await open('background', 50);
    const checkpointer = SqliteCheckpointer.of(db);
    const wal = SqliteWal.of(db);
    await write(db, 0);
    const written = wal?.writes ?? 0;
    // Nothing calls it: the timer does. Waited for (a checkpoint that began after the last write
    // and copied the whole WAL), not slept on.
    await vi.waitFor(
      () => {
        const last = checkpointer?.last;
        expect(last?.writes).toBeGreaterThanOrEqual(written);
        expect(last?.result.checkpointed).toBe(last?.result.log);
      },
      { timeout: 15_000, interval: 20 },
    );
    expect(checkpointer?.last?.result.log).toBeGreaterThan(0);
    expect(walPages(file)).toBeGreaterThan(0);
  });

  it('stops with the database; a stopped checkpointer refuses work', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const db = await openDatabase(path.join(dir, 'y.sqlite'), { checkpoint: 'background' });
    const checkpointer = SqliteCheckpointer.of(db);
    await db.destroy();
    await expect(checkpointer?.checkpoint()).rejects.toThrow(/stopped/);
  });
});
