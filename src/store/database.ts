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
  /**
   * Open an existing database for reading only (a report from the CLI next to a running server):
   * no folder or file is created and no migration runs; a write fails.
   */
  readonly readOnly?: boolean;
}

function openSqlite(file: string, synchronous: SqliteSynchronous, readOnly = false): Promise<sqlite3.Database> {
  if (file !== ':memory:' && !readOnly) fs.mkdirSync(path.dirname(file), { recursive: true });
  return new Promise((resolve, reject) => {
    const opened = (err: Error | null): void => {
      if (err) {
        reject(new Error(`Cannot open the SQLite database at ${file}: ${err.message}`, { cause: err }));
        return;
      }
      db.configure('busyTimeout', BUSY_TIMEOUT_MS);
      if (readOnly) {
        resolve(db);
        return;
      }
      // WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
      db.exec(
        `pragma journal_mode = wal; pragma foreign_keys = on; pragma synchronous = ${connectionSynchronous(synchronous)};`,
        (pragmaErr) => (pragmaErr ? reject(pragmaErr) : resolve(db)),
      );
    };
    // Without a mode, sqlite3's default: read-write, created when missing, full mutex.
    const db = readOnly
      ? new sqlite3.Database(file, sqlite3.OPEN_READONLY | sqlite3.OPEN_FULLMUTEX, opened)
      : new sqlite3.Database(file, opened);
  });
}

/**
 * Opens (creating the folder and file if needed) the SQLite database at `file` and applies every
 * pending migration. Pass `:memory:` for a throwaway database.
 */
export async function openDatabase(file: string, options: DatabaseOptions = {}): Promise<Db> {
  const synchronous = options.synchronous ?? 'full';
  const db = new Kysely<Database>({
    dialect: new Sqlite3Dialect(() => openSqlite(file, synchronous, options.readOnly)),
  });
  if (options.readOnly === true) return db;
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
