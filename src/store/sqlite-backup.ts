import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { AppError } from '../shared/app.error.ts';

/** Pages copied per step: small enough for steady progress lines, large enough to be quick. */
const PAGES_PER_STEP = 100;
const BUSY_TIMEOUT_MS = 5_000;
const RETRY_MS = 20;

/** The backup could not be made; the message names the file and the reason. */
class BackupError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('backup_failed', message, { cause });
  }
}

/** Progress after each step: pages copied so far of the snapshot's total. */
export interface BackupProgress {
  readonly copied: number;
  readonly total: number;
}

/** What a finished backup wrote. */
export interface BackupResult {
  readonly file: string;
  readonly pages: number;
  readonly bytes: number;
  readonly ms: number;
}

/** The parts of node-sqlite3's `Backup` (SQLite's online backup API) we use; its typings omit it. */
interface SqliteBackup {
  step(pages: number, callback: (err: Error | null, done: boolean) => void): void;
  finish(callback: (err: Error | null) => void): void;
  readonly remaining: number;
  readonly pageCount: number;
}
type BackupCapable = sqlite3.Database & { backup(file: string, callback: (err: Error | null) => void): SqliteBackup };

/**
 * Copies the SQLite database at `source` into a new file `target` while servers keep using it,
 * with SQLite's online backup API (`sqlite3_backup_*`, node-sqlite3's `Database#backup`), not a
 * file copy (which can catch the main file and the WAL at different moments).
 *
 * The copy is one consistent snapshot: a read transaction is held on the source for the whole
 * backup, so every step reads the same committed state. In WAL mode that blocks no writer; the
 * copy holds every transaction committed before it started and none after. It is written to
 * `target.partial` and renamed into place only when complete, so `target` never names half a
 * backup.
 *
 * @throws BackupError when `source` is missing or not a database, `target` exists, or a step fails.
 */
export async function backupSqlite(
  source: string,
  target: string,
  onProgress: (progress: BackupProgress) => void = () => undefined,
): Promise<BackupResult> {
  const started = performance.now();
  if (!fs.existsSync(source)) throw new BackupError(`No SQLite database at ${source}.`);
  if (fs.existsSync(target))
    throw new BackupError(`${target} already exists: choose a new file name, or remove it first.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = (await open(source)) as BackupCapable;
  try {
    await exec(db, 'begin; select count(*) from sqlite_master;');
    const backup = await new Promise<SqliteBackup>((resolve, reject) => {
      const created = db.backup(partial, (err) => (err ? reject(err) : resolve(created)));
    });
    let done = false;
    while (!done) {
      done = await step(backup);
      onProgress({ copied: backup.pageCount - backup.remaining, total: backup.pageCount });
    }
    const pages = backup.pageCount;
    await new Promise<void>((resolve, reject) => backup.finish((err) => (err ? reject(err) : resolve())));
    await exec(db, 'commit;');
    fs.renameSync(partial, target);
    return { file: target, pages, bytes: fs.statSync(target).size, ms: Math.round(performance.now() - started) };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `Backup of ${source} failed: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** One step; a busy or locked database (another process checkpointing) is retried. */
async function step(backup: SqliteBackup): Promise<boolean> {
  for (;;) {
    const outcome = await new Promise<{ done: boolean } | { err: Error }>((resolve) =>
      backup.step(PAGES_PER_STEP, (err, done) => resolve(err ? { err } : { done })),
    );
    if ('done' in outcome) return outcome.done;
    if (!/SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i.test(outcome.err.message))
      throw outcome.err;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

function open(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    // Read-write without create: a reader of a WAL database may need to write the -shm index.
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err) => {
      if (err) reject(new BackupError(`Cannot open the SQLite database at ${file}: ${err.message}`, err));
      else {
        db.configure('busyTimeout', BUSY_TIMEOUT_MS);
        resolve(db);
      }
    });
  });
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
}
