import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './database.ts';

/**
 * Runs work in one database transaction that every repository built on {@link Transactor.db} joins
 * without being handed the transaction. So services receive their repositories once, through their
 * constructor, and still write atomically: inside `run`, `db` is that run's transaction; outside,
 * it is the database. The current transaction is tracked per async call chain (`AsyncLocalStorage`),
 * so concurrent turns never see each other's transaction.
 *
 * @example
 * const transactor = new Transactor(db);
 * const tickets = new TicketRepository(transactor.db);
 * await transactor.run(async () => { await tickets.insert(...); await tickets.insertEvent(...); });
 */
export class Transactor {
  readonly #current = new AsyncLocalStorage<Db>();
  /** The database for repositories: the current `run`'s transaction, or the database itself. */
  readonly db: Db;

  constructor(private readonly root: Db) {
    const current = this.#current;
    this.db = new Proxy(root, {
      get(_target, property) {
        const db = current.getStore() ?? root;
        const value: unknown = Reflect.get(db, property, db);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(db) : value;
      },
    });
  }

  /**
   * Runs `work` in a transaction: everything it does through `db` commits together or not at all.
   * A `run` inside another joins the outer transaction.
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#current.getStore() !== undefined) return work();
    return this.root.transaction().execute((trx) => this.#current.run(trx, work));
  }
}
