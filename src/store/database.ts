import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator } from 'kysely';
import sqlite3 from 'sqlite3';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { connectionSynchronous, type SqliteSynchronous } from './sqlite-synchronous.ts';
import { Sqlite3Dialect } from './sqlite3-dialect.ts';

/** The database handle every repository receives. One per process, built in `src/index.ts`. */
export type Db = Kysely<Database>;

const BUSY_TIMEOUT_MS = 5_000;

/** How to open the database. */
export interface DatabaseOptions {
  /**
   * Defaults to `full`: every commit survives a power loss. `request` opens the connection with
   * `synchronous = NORMAL`; the caller must then make writes durable with `Durability.sync()` (`durability.ts`).
   */
  readonly synchronous?: SqliteSynchronous;
}

function openSqlite(file: string, synchronous: SqliteSynchronous): Promise<sqlite3.Database> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(new Error(`Cannot open the SQLite database at ${file}: ${err.message}`, { cause: err }));
      db.configure('busyTimeout', BUSY_TIMEOUT_MS);
      // WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
      db.exec(
        `pragma journal_mode = wal; pragma foreign_keys = on; pragma synchronous = ${connectionSynchronous(synchronous)};`,
        (pragmaErr) => (pragmaErr ? reject(pragmaErr) : resolve(db)),
      );
    });
  });
}

/**
 * Opens (creating the folder and file if needed) the SQLite database at `file` and applies every
 * pending migration. Pass `:memory:` for a throwaway database.
 */
export async function openDatabase(file: string, options: DatabaseOptions = {}): Promise<Db> {
  const synchronous = options.synchronous ?? 'full';
  const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(() => openSqlite(file, synchronous)) });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
