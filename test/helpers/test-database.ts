import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { makeTempDir, testDatabaseUrl } from './test-config.ts';
import { ON_POSTGRES } from './test-postgres.ts';

/**
 * A real SQLite file in a fresh temp folder with the real migrations applied; with
 * `ANSWERDESK_TEST_DB=postgres`, a fresh PostgreSQL database instead (`file` is then its URL).
 */
export async function freshDatabase(): Promise<{
  db: Db;
  file: string;
  reopen: () => Promise<Db>;
  cleanup: () => Promise<void>;
}> {
  const { dir, cleanup } = makeTempDir();
  const file = ON_POSTGRES ? testDatabaseUrl(dir) : path.join(dir, 'test.sqlite');
  const opened: Db[] = [await openDatabase(file)];
  return {
    db: opened[0] as Db,
    file,
    reopen: async () => {
      const db = await openDatabase(file);
      opened.push(db);
      return db;
    },
    cleanup: async () => {
      await Promise.allSettled(opened.map((d) => d.destroy()));
      cleanup();
    },
  };
}

/** What `freshDatabase` gives: the database, its file (or URL), a way to open it again, and its clean-up. */
export type FreshDatabase = Awaited<ReturnType<typeof freshDatabase>>;

/**
 * A fresh database for every test of the calling `describe` (its own `beforeEach` and `afterEach`
 * hooks): the object returned holds the current test's `db`, `file`, `reopen` and `cleanup`, so
 * read it inside tests and hooks, never at collection time.
 */
export function freshDatabaseEachTest(): FreshDatabase {
  // Empty until the first beforeEach fills it; refilled before each test.
  const current = {} as FreshDatabase;
  beforeEach(async () => {
    Object.assign(current, await freshDatabase());
  });
  afterEach(async () => {
    await current.cleanup();
  });
  return current;
}
