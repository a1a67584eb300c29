import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './database.ts';
import { LazyTransaction } from './lazy-transaction.ts';

/** The transaction of one outermost `run`, and what waits for its commit. */
interface OpenRun {
  readonly trx: Db;
  readonly afterCommit: Array<() => void>;
  /** Set once the transaction committed or rolled back: work that outlives it uses the database again. */
  finished: boolean;
  /** A turn's transaction ({@link Transactor.runTurn}), which begins at its first write. */
  readonly lazy?: LazyTransaction;
}

/**
 * Runs work in one database transaction that every repository built on {@link Transactor.db} joins
 * without being handed the transaction. So services receive their repositories once, through their
 * constructor, and still write atomically: inside `run`, `db` is that run's transaction; outside,
 * it is the database. The current transaction is tracked per async call chain (`AsyncLocalStorage`),
 * so concurrent turns never see each other's transaction.
 *
 * Code that tells the outside world about a write (a stream frame, a worker's wake-up) does it
 * through {@link Transactor.afterCommit}, so nobody hears of a write that is then rolled back.
 *
 * @example
 * const transactor = new Transactor(db);
 * const tickets = new TicketRepository(transactor.db);
 * await transactor.run(async () => { await tickets.insert(...); await tickets.insertEvent(...); });
 */
export class Transactor {
  readonly #current = new AsyncLocalStorage<OpenRun>();
  /** The database for repositories: the current `run`'s transaction, or the database itself. */
  readonly db: Db;

  constructor(private readonly root: Db) {
    const current = this.#current;
    this.db = new Proxy(root, {
      get(_target, property) {
        const open = current.getStore();
        // A promise chain started inside a run may outlive it (a timer, a listener): it gets the database.
        const db = open === undefined || open.finished ? root : open.trx;
        const value: unknown = Reflect.get(db, property, db);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(db) : value;
      },
    });
  }

  /** Whether the caller is inside a `run` whose transaction is still open. */
  get inTransaction(): boolean {
    const open = this.#current.getStore();
    return open !== undefined && !open.finished;
  }

  /**
   * Runs `work` in a transaction: everything it does through `db` commits together or not at all.
   * A `run` inside another joins the outer transaction: its writes commit or roll back with the
   * outer ones, and an error it throws is the outer run's error (catching it and going on keeps the
   * writes it made before it failed).
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    return this.#runOwn(work);
  }

  /**
   * Runs a turn: like {@link run} (all its writes commit together or not at all; nested runs join
   * it), except that the transaction begins at the turn's first write, not at its start (see
   * `LazyTransaction`). So the database's one SQLite connection is held only from that write to the
   * commit, and concurrent turns' statements run while this one reads, matches and runs dialogs.
   * Put the turn's writes late and its reads and CPU work early to get the most from it.
   */
  async runTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    const lazy = new LazyTransaction(this.root);
    const open: OpenRun = { trx: lazy.db, afterCommit: [], finished: false, lazy };
    try {
      const result = await this.#current.run(open, work);
      await lazy.commit();
      open.finished = true;
      for (const callback of open.afterCommit) callback();
      return result;
    } catch (error) {
      open.finished = true;
      await lazy.rollback();
      throw error;
    } finally {
      open.finished = true;
    }
  }

  /**
   * Like {@link run}, but inside a {@link runTurn} whose transaction has not begun yet, `work` gets a
   * transaction of its own that commits at once, ahead of the turn's: for what must be stored even
   * when the rest of the turn rolls back (the customer's inbound record), and so that the turn does
   * not hold the connection from there on. Once the turn has written, `work` joins it (the connection
   * is the turn's until it commits).
   */
  async runAhead<T>(work: () => Promise<T>): Promise<T> {
    const open = this.#current.getStore();
    const turnNotBegun = open?.lazy !== undefined && !open.finished && !open.lazy.begun;
    if (this.inTransaction && !turnNotBegun) return work();
    return this.#runOwn(work);
  }

  async #runOwn<T>(work: () => Promise<T>): Promise<T> {
    let open: OpenRun | undefined;
    try {
      const result = await this.root.transaction().execute((trx) => {
        open = { trx, afterCommit: [], finished: false };
        return this.#current.run(open, work);
      });
      if (open !== undefined) {
        open.finished = true;
        for (const callback of open.afterCommit) callback();
      }
      return result;
    } finally {
      if (open !== undefined) open.finished = true;
    }
  }

  /**
   * Calls `callback` once the current `run` has committed (never if it rolls back), or at once
   * outside a run. Callbacks must not throw.
   */
  afterCommit(callback: () => void): void {
    const open = this.#current.getStore();
    if (open === undefined || open.finished) callback();
    else open.afterCommit.push(callback);
  }
}
