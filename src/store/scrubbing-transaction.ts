import { type Kysely, sql } from 'kysely';
import type { Db } from './database.ts';
import { isPostgres } from './dialect.ts';

/** Attempts at truncating the WAL while another process's reader still holds an old snapshot. */
const CHECKPOINT_ATTEMPTS = 20;
const CHECKPOINT_RETRY_MS = 50;

/** Whether a scrubbing transaction also left the WAL empty (SQLite), so no old page version survives there. */
export type ScrubOutcome = { readonly walTruncated: boolean };

/**
 * Runs `work` in one transaction whose deletes and overwrites leave no readable trace in the
 * database files: for erasing personal data (issue 18).
 *
 * On SQLite, after the commit, `VACUUM` rebuilds the database file from its live rows, so no old
 * version of a row survives in a free page or in the unused space of a page; and
 * `wal_checkpoint(TRUNCATE)` copies the rebuilt pages into the main file and empties the WAL, whose
 * old frames still held earlier page versions. `PRAGMA secure_delete` is not enough on its own
 * (tested): it zeroes what the erasing transaction frees, but copies of the same rows left behind
 * by earlier writes that ran without it (pages split and rebalanced by ordinary turns, old WAL
 * frames) stay. `VACUUM` holds the write lock while it copies the database, so other writers wait
 * (busy timeout) while it reads and rewrites the whole file; erasure is rare, the retention worker
 * never does this.
 *
 * On PostgreSQL it is a plain transaction: dead row versions stay on disk until PostgreSQL's own
 * (auto)vacuum reclaims them (see the README).
 */
export async function runScrubbing<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<{ value: T } & ScrubOutcome> {
  // isPostgres takes any Kysely; Kysely<Database> is not assignable to Kysely<unknown> by variance only.
  if (isPostgres(db as unknown as Kysely<unknown>))
    return { value: await db.transaction().execute(work), walTruncated: false };
  return db.connection().execute(async (connection) => {
    const value = await connection.transaction().execute(work);
    await sql`vacuum`.execute(connection);
    return { value, walTruncated: await truncateWal(connection) };
  });
}

async function truncateWal(connection: Db): Promise<boolean> {
  for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt += 1) {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(connection);
    if (Number(rows[0]?.busy ?? 0) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_RETRY_MS));
  }
  return false;
}
