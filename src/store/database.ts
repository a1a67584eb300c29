import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { describeDatabaseLocation, isPostgresUrl } from './database-location.ts';
import { isPostgres, portableMigrations } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import { createPostgresDialect } from './postgres-dialect.ts';
import type { Database } from './schema.ts';
import { SqliteCheckpointer } from './sqlite-checkpointer.ts';
import { connectionSynchronous, type SqliteSynchronous } from './sqlite-synchronous.ts';
import { SqliteWal } from './sqlite-wal.ts';
import { Sqlite3Dialect, type StatementTimings } from './sqlite3-dialect.ts';

/** The database handle every repository receives. One per process, built in `src/index.ts`. */
export type Db = Kysely<Database>;

const BUSY_TIMEOUT_MS = 5_000;
/**
 * With the background checkpointer, the serving connection checkpoints itself only past this
 * many WAL pages (about 40 MB; SQLite's default is 1,000): under writes without a pause, each
 * PASSIVE checkpoint ends a little short of the WAL's end and the WAL never starts over, so this
 * backstop folds in the (small) rest now and then.
 */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;

/** How to open the database. */
export interface DatabaseOptions {
  /**
   * SQLite only (a PostgreSQL commit is durable when it returns). Defaults to `full`: every commit
   * survives a power loss. `request` opens the connection with `synchronous = NORMAL`; the caller
   * must then make writes durable with `Durability.sync()` (`durability.ts`).
   */
  readonly synchronous?: SqliteSynchronous;
  /**
   * Open an existing database for reading only (a report from the CLI next to a running server):
   * no folder or file is created and no migration runs; a write fails.
   */
  readonly readOnly?: boolean;
  /**
   * SQLite only. `background` (the server): the WAL is copied into the database file by a
   * connection of its own, off the turns' path (`SqliteCheckpointer`). Default `automatic`:
   * SQLite's own checkpoint inside the commit that fills the WAL past 1,000 pages (a CLI).
   */
  readonly checkpoint?: 'automatic' | 'background';
  /** How often the background checkpointer looks for writes (tests); default one second. */
  readonly checkpointIntervalMs?: number;
  /** SQLite only: where each statement's time goes (the turn bench's `--sql-timing`). */
  readonly statementTimings?: StatementTimings;
}

function openSqlite(
  file: string,
  synchronous: SqliteSynchronous,
  readOnly = false,
  backgroundCheckpoint = false,
): Promise<sqlite3.Database> {
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
        `pragma journal_mode = wal; pragma foreign_keys = on; pragma synchronous = ${connectionSynchronous(synchronous)};${
          backgroundCheckpoint ? ` pragma wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES};` : ''
        }`,
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
 * Opens the database at `location` and applies every pending migration (the same migrations on
 * both databases). `location` is a SQLite file (the folder and file are created if needed),
 * `:memory:` for a throwaway SQLite database, or a `postgres://` URL of an existing PostgreSQL
 * database (the tables are created in the connection's first `search_path` schema, by default
 * `public`).
 */
export async function openDatabase(location: string, options: DatabaseOptions = {}): Promise<Db> {
  const synchronous = options.synchronous ?? 'full';
  const wal =
    isPostgresUrl(location) || location === ':memory:' || options.readOnly === true
      ? undefined
      : new SqliteWal(path.resolve(location));
  const background = wal !== undefined && options.checkpoint === 'background';
  let checkpointer: SqliteCheckpointer | undefined;
  const db = new Kysely<Database>({
    dialect: isPostgresUrl(location)
      ? createPostgresDialect(location, { readOnly: options.readOnly })
      : new Sqlite3Dialect(
          () => openSqlite(location, synchronous, options.readOnly, background),
          () => wal?.noteWrite(),
          () => checkpointer?.stop() ?? Promise.resolve(),
          options.statementTimings,
        ),
  });
  if (wal !== undefined) SqliteWal.register(db, wal);
  if (options.readOnly === true) return db;
  try {
    await migrateToLatest(db);
    if (background) {
      checkpointer = await SqliteCheckpointer.start(wal, options.checkpointIntervalMs);
      SqliteCheckpointer.register(db, checkpointer);
    }
  } catch (error) {
    await db.destroy();
    if (isPostgresUrl(location) && error instanceof Error && !error.message.startsWith('Database migration')) {
      throw new Error(
        `Cannot open the PostgreSQL database at ${describeDatabaseLocation(location)}: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  return db;
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({
    db: portableMigrations(db),
    // On PostgreSQL, the bookkeeping tables live in the schema the tables go to (the first on the
    // search_path): unqualified, Kysely would take another schema's `kysely_migration` for this one's.
    ...(isPostgres(db) ? { migrationTableSchema: await currentSchema(db) } : {}),
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

async function currentSchema(db: Db): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined || schema === null) {
    throw new Error('The PostgreSQL connection has no schema to create tables in: check its search_path');
  }
  return schema;
}
