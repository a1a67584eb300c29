import sqlite3 from 'sqlite3';
import type { SqliteWal } from './sqlite-wal.ts';

const checkpointerOf = new WeakMap<object, SqliteCheckpointer>();

/** How often the background checkpointer looks for new WAL frames. */
const CHECKPOINT_INTERVAL_MS = 1_000;
const BUSY_TIMEOUT_MS = 5_000;

/** What one checkpoint did (SQLite's `pragma wal_checkpoint` row). */
export interface CheckpointResult {
  /** 1 when another connection kept the checkpoint from finishing (it goes on next time). */
  readonly busy: number;
  /** Frames in the WAL. */
  readonly log: number;
  /** Frames now copied into the database file. */
  readonly checkpointed: number;
}

/**
 * Copies the WAL into the database file from a connection of its own, so that no customer's turn
 * pays for it. SQLite's automatic checkpoint runs inside the commit that pushes the WAL past 1,000
 * pages: on the one connection that serves every turn, so that commit, and every statement queued
 * behind it, waited while a few megabytes were copied and the database file fsynced (the six
 * slowest turns of a paced bench run, 85-110 ms, all fell on one). Here this connection runs a
 * PASSIVE checkpoint each second when something was written: it never blocks a writer or a reader,
 * copies what no reader still needs, and the next writer starts the WAL over once all of it is
 * copied. The serving connection keeps only a backstop (`database.ts`) for writes without a pause,
 * under which a PASSIVE checkpoint always ends a little short of the WAL's end. It syncs the database file before the
 * WAL is reused (`synchronous = NORMAL` on its connection), so an acknowledged write stays durable.
 *
 * Only a process that keeps the database open for long (the server) runs one; a CLI keeps SQLite's
 * automatic checkpoint.
 */
export class SqliteCheckpointer {
  readonly #timer: NodeJS.Timeout;
  #running: Promise<CheckpointResult> | undefined;
  #writesSeen = 0;
  #stopped = false;
  #completed = 0;
  #last: { readonly writes: number; readonly result: CheckpointResult } | undefined;

  private constructor(
    private readonly db: sqlite3.Database,
    private readonly wal: SqliteWal,
    intervalMs: number,
  ) {
    this.#timer = setInterval(() => {
      if (this.wal.writes === this.#writesSeen || this.#running !== undefined) return;
      // A failure (disk full, say) is retried on the next tick; the WAL only grows meanwhile.
      this.checkpoint().catch(() => {});
    }, intervalMs);
    this.#timer.unref();
  }

  /** Opens the checkpointing connection on the WAL's database file. */
  static async start(wal: SqliteWal, intervalMs = CHECKPOINT_INTERVAL_MS): Promise<SqliteCheckpointer> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened: sqlite3.Database = new sqlite3.Database(wal.file, sqlite3.OPEN_READWRITE, (err) =>
        err
          ? reject(new Error(`Cannot open ${wal.file} to checkpoint it: ${err.message}`, { cause: err }))
          : resolve(opened),
      );
    });
    try {
      db.configure('busyTimeout', BUSY_TIMEOUT_MS);
      await new Promise<void>((resolve, reject) =>
        db.exec('pragma synchronous = normal', (err) => (err ? reject(err) : resolve())),
      );
    } catch (error) {
      await new Promise((resolve) => db.close(resolve));
      throw error;
    }
    return new SqliteCheckpointer(db, wal, intervalMs);
  }

  /** Registers the checkpointer of the database `db` opened (`openDatabase` only). */
  static register(db: object, checkpointer: SqliteCheckpointer): void {
    checkpointerOf.set(db, checkpointer);
  }

  /** The background checkpointer of a database opened with `checkpoint: 'background'`. */
  static of(db: object): SqliteCheckpointer | undefined {
    return checkpointerOf.get(db);
  }

  /** Checkpoints run so far (by the timer or {@link checkpoint}). */
  get completed(): number {
    return this.#completed;
  }

  /**
   * The last checkpoint that finished: the connection's write count when it began (it covers the
   * commits made before that) and what it did.
   */
  get last(): { readonly writes: number; readonly result: CheckpointResult } | undefined {
    return this.#last;
  }

  /** Runs a PASSIVE checkpoint now (or joins the one running). */
  checkpoint(): Promise<CheckpointResult> {
    if (this.#stopped) return Promise.reject(new Error('The checkpointer is stopped'));
    this.#running ??= new Promise<CheckpointResult>((resolve, reject) => {
      const writes = this.wal.writes;
      this.db.get('pragma wal_checkpoint(passive)', (err, row: CheckpointResult | undefined) => {
        this.#running = undefined;
        if (err) return reject(err);
        this.#writesSeen = writes;
        this.#completed += 1;
        const result = row ?? { busy: 0, log: 0, checkpointed: 0 };
        this.#last = { writes, result };
        resolve(result);
      });
    });
    return this.#running;
  }

  /** Stops the timer and closes the connection (after a checkpoint under way). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running?.catch(() => {});
    await new Promise<void>((resolve) => this.db.close(() => resolve()));
  }
}
