import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { withoutRequests } from '../../src/store/sqlite-synchronous.ts';
import { makeTempDir } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

// SQLite only: its WAL, pragmas and fsync (PostgreSQL has none to set; its side is in postgres-database.test.ts).
describe.skipIf(ON_POSTGRES)('openDatabase', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(options?: Parameters<typeof openDatabase>[1]): Promise<Db> {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const db = await openDatabase(path.join(dir, 'x.sqlite'), options);
    cleanups.push(() => db.destroy());
    return db;
  }

  async function pragma(db: Db, name: 'synchronous' | 'journal_mode'): Promise<unknown> {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.raw(`pragma_${name}`)}`.execute(db);
    return Object.values(rows[0] ?? {})[0];
  }

  // SQLite reports synchronous as a number: 1 = NORMAL, 2 = FULL.
  it.each([
    [undefined, 2],
    [{ synchronous: 'full' as const }, 2],
    [{ synchronous: 'normal' as const }, 1],
    // `request` commits with NORMAL; Durability.sync() makes the one FULL commit per answer.
    [{ synchronous: 'request' as const }, 1],
  ])('opens in WAL mode with synchronous for %o = %d', async (options, expected) => {
    const db = await open(options);
    expect(await pragma(db, 'journal_mode')).toBe('wal');
    expect(await pragma(db, 'synchronous')).toBe(expected);
  });

  it('gives a process that answers no requests (a CLI) full instead of request', () => {
    expect([withoutRequests('request'), withoutRequests('full'), withoutRequests('normal')]).toEqual([
      'full',
      'full',
      'normal',
    ]);
  });
});
