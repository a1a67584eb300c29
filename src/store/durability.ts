import type { Db } from './database.ts';
import type { SqliteSynchronous } from './sqlite-synchronous.ts';
import { SqliteWal } from './sqlite-wal.ts';

/** An `fdatasync` of the WAL under way, and the count of writes it covers. */
interface RunningSync {
  readonly covers: number;
  readonly done: Promise<void>;
}

/**
 * Makes what the server has committed durable before it tells a client about it
 * (`DATABASE_SYNCHRONOUS=request`; in `full` and `normal` it does nothing, see `sqlite-synchronous.ts`;
 * on PostgreSQL and `:memory:` it does nothing either: a PostgreSQL commit is durable when it returns).
 *
 * Commits run with `synchronous = NORMAL`: each has appended its frames to the WAL when it returns,
 * unsynced. {@link sync} syncs the WAL file (`SqliteWal.datasync`, the fsync a `synchronous = FULL`
 * commit would make); the WAL is append-only and recovery replays it as a prefix, so that one sync
 * makes every commit before it durable, of this request and of any other. It runs no SQL statement
 * and does not take the database's connection, so turns keep running meanwhile.
 *
 * Group commit: a call that finds nothing written since the last sync returns at once; one whose
 * writes a running sync covers (they finished before it started) waits for that one; the others wait
 * for the next, which starts when the running one ends and covers every call waiting by then. So
 * concurrent requests share one sync.
 *
 * @example
 * await turns.post(claims, activity);
 * await durability.sync(); // only now may the 2xx go out
 */
export class Durability {
  readonly #wal: SqliteWal | undefined;
  /** Writes covered by the last finished sync. */
  #synced = 0;
  #running: RunningSync | undefined;
  /** The next sync, shared by every call that the running one does not cover. */
  #next: Promise<void> | undefined;

  constructor(
    db: Db,
    readonly mode: SqliteSynchronous,
  ) {
    this.#wal = mode === 'request' ? SqliteWal.of(db) : undefined;
  }

  /** Resolves once every commit made so far survives an OS crash or power loss (in `request` mode). */
  sync(): Promise<void> {
    const wal = this.#wal;
    if (wal === undefined) return Promise.resolve();
    const target = wal.writes;
    if (target <= this.#synced) return Promise.resolve();
    const running = this.#running;
    if (running !== undefined && target <= running.covers) return running.done;
    this.#next ??= (running?.done.catch(() => {}) ?? Promise.resolve()).then(() => {
      this.#next = undefined;
      return this.#start(wal);
    });
    return this.#next;
  }

  #start(wal: SqliteWal): Promise<void> {
    const covers = wal.writes;
    const done = wal.datasync().then(
      () => {
        this.#synced = Math.max(this.#synced, covers);
        this.#running = undefined;
      },
      (error: unknown) => {
        this.#running = undefined;
        throw error;
      },
    );
    this.#running = { covers, done };
    return done;
  }
}
