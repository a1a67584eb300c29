import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type sqlite3 from 'sqlite3';

/**
 * Where each statement's time went (`bench/directline.bench.ts --sql-timing`): SQLite's own time
 * (its profile hook), and the statement's round trip on the event loop, from the call to its
 * result (the thread pool, then the wait for the event loop to take the result up).
 */
export interface StatementTimings {
  sqlite(sql: string, ms: number): void;
  roundTrip(sql: string, ms: number): void;
  /**
   * How long one holder (a lone statement, or a transaction from its `begin` to its end) kept the
   * connection, from taking it to giving it back, and how many statements it ran meanwhile: while
   * it holds it, no other query or transaction can run.
   */
  held?(ms: number, statements: number): void;
}

/**
 * Kysely dialect over the asynchronous `sqlite3` package.
 *
 * Kysely's built-in SQLite dialect expects better-sqlite3's synchronous API, so this small driver
 * adapts `sqlite3` instead. SQLite has one connection per file handle: a mutex hands it to one
 * query or transaction at a time, in the order they asked, like Kysely's own SQLite driver.
 *
 * Statements are prepared once and kept (see {@link StatementCache}): `sqlite3`'s `db.all(sql)`
 * prepares, runs and finalizes, three trips to the thread pool and back to the event loop while
 * the one connection waits; a kept statement runs in one.
 */
export class Sqlite3Dialect implements Dialect {
  /**
   * `onWrite` is called after every statement that is not a plain `select` (see `SqliteWal`);
   * `beforeClose` before the connection closes (the background checkpointer stops).
   */
  constructor(
    private readonly open: () => Promise<sqlite3.Database>,
    private readonly onWrite: () => void = () => {},
    private readonly beforeClose: () => Promise<void> = () => Promise.resolve(),
    private readonly timings?: StatementTimings,
  ) {}

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new Sqlite3Driver(this.open, this.onWrite, this.beforeClose, this.timings);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
}

class Sqlite3Driver implements Driver {
  #db: sqlite3.Database | undefined;
  #connection: Sqlite3Connection | undefined;
  readonly #mutex = new ConnectionMutex();
  /** With timings: when the present holder took the connection. */
  #heldSince = 0;

  constructor(
    private readonly open: () => Promise<sqlite3.Database>,
    private readonly onWrite: () => void,
    private readonly beforeClose: () => Promise<void>,
    private readonly timings: StatementTimings | undefined,
  ) {}

  async init(): Promise<void> {
    this.#db = await this.open();
    this.#connection = new Sqlite3Connection(this.#db, this.onWrite, this.timings);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    if (this.#connection === undefined) {
      this.#mutex.unlock();
      throw new Error('The database is closed');
    }
    if (this.timings?.held !== undefined) {
      this.#heldSince = performance.now();
      this.#connection.statementsRun = 0;
    }
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    if (this.timings?.held !== undefined && this.#connection !== undefined) {
      this.timings.held(performance.now() - this.#heldSince, this.#connection.statementsRun);
    }
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    const db = this.#db;
    const connection = this.#connection;
    this.#db = undefined;
    this.#connection = undefined;
    if (db === undefined) return;
    await this.beforeClose();
    // SQLite refuses to close a connection that still has prepared statements.
    await connection?.finalize();
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }
}

class Sqlite3Connection implements DatabaseConnection {
  readonly #statements: StatementCache;
  /** Statements run since the driver last reset it (only counted with timings). */
  statementsRun = 0;

  constructor(
    db: sqlite3.Database,
    private readonly onWrite: () => void,
    private readonly timings: StatementTimings | undefined,
  ) {
    this.#statements = new StatementCache(db);
    if (timings !== undefined) db.on('profile', (sql: string, ms: number) => timings.sqlite(sql, ms));
  }

  finalize(): Promise<void> {
    return this.#statements.clear();
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (SelectQueryNode.is(compiled.query)) return this.#execute<R>(compiled);
    try {
      return await this.#execute<R>(compiled);
    } finally {
      // Also after a failure: a failed statement may have written (a failed commit, say); one sync too many is harmless.
      this.onWrite();
    }
  }

  /** Not `async`: without timings, a statement costs no promise more than its run. */
  #execute<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return this.timings === undefined ? this.#run<R>(compiled) : this.#timed<R>(compiled, this.timings);
  }

  async #timed<R>(compiled: CompiledQuery, timings: StatementTimings): Promise<QueryResult<R>> {
    const started = performance.now();
    this.statementsRun += 1;
    try {
      return await this.#run<R>(compiled);
    } finally {
      timings.roundTrip(compiled.sql, performance.now() - started);
    }
  }

  async #run<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters, query } = compiled;
    const params = parameters as unknown[];
    const returnsRows =
      SelectQueryNode.is(query) || query.kind === 'RawNode' || ('returning' in query && query.returning !== undefined);
    const statement = await this.#statements.get(sql);
    try {
      if (returnsRows) {
        return await new Promise((resolve, reject) => {
          statement.all(params, (err, rows) => (err ? reject(err) : resolve({ rows: rows as R[] })));
        });
      }
      return await new Promise((resolve, reject) => {
        statement.run(params, function onRun(this: sqlite3.RunResult, err: Error | null) {
          if (err) return reject(err);
          resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
        });
      });
    } catch (error) {
      // A statement that failed is not kept: the next use prepares it afresh.
      this.#statements.drop(sql);
      throw error;
    }
  }

  // biome-ignore lint/correctness/useYield: Kysely's driver interface wants a generator; this one only refuses.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported by the sqlite3 driver');
  }
}

/**
 * Prepared statements by SQL text, the least recently used dropped past {@link MAX_STATEMENTS}
 * (queries with a varying number of `in (?, …)` parameters make new texts). `sqlite3` resets a
 * statement before each run and a run steps it to its end, so a kept statement holds no read
 * transaction or lock between runs (VACUUM and checkpoints go ahead); one is never run twice at
 * once, since the connection runs one query at a time (and `sqlite3` queues a second call anyway).
 */
class StatementCache {
  readonly #statements = new Map<string, Promise<sqlite3.Statement>>();
  #closed = false;

  constructor(private readonly db: sqlite3.Database) {}

  get(sql: string): Promise<sqlite3.Statement> {
    // A statement prepared after clear() would keep SQLite from closing the connection.
    if (this.#closed) return Promise.reject(new Error('The database is closed'));
    const kept = this.#statements.get(sql);
    if (kept !== undefined) {
      // Map order is insertion order: move it to the most recent end.
      this.#statements.delete(sql);
      this.#statements.set(sql, kept);
      return kept;
    }
    const prepared = new Promise<sqlite3.Statement>((resolve, reject) => {
      const statement = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(statement)));
    });
    prepared.catch(() => this.#statements.delete(sql));
    this.#statements.set(sql, prepared);
    if (this.#statements.size > MAX_STATEMENTS) {
      const [oldest] = this.#statements.keys();
      if (oldest !== undefined) this.drop(oldest);
    }
    return prepared;
  }

  drop(sql: string): void {
    const kept = this.#statements.get(sql);
    this.#statements.delete(sql);
    kept?.then(finalize, () => {});
  }

  async clear(): Promise<void> {
    this.#closed = true;
    const kept = [...this.#statements.values()];
    this.#statements.clear();
    await Promise.all(kept.map((statement) => statement.then(finalize, () => {})));
  }
}

const MAX_STATEMENTS = 500;

function finalize(statement: sqlite3.Statement): Promise<void> {
  return new Promise((resolve) => statement.finalize(() => resolve()));
}

/**
 * Hands the connection to one holder at a time, to the waiters in the order they asked: a release
 * wakes only the next waiter, which holds it from then on, so one who asks just after a release
 * cannot take it ahead of those already waiting.
 */
export class ConnectionMutex {
  #locked = false;
  readonly #waiters: Array<() => void> = [];

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    // Handed straight to the next waiter: the connection stays locked.
    if (next !== undefined) next();
    else this.#locked = false;
  }
}
