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
 * Kysely dialect over the asynchronous `sqlite3` package.
 *
 * Kysely's built-in SQLite dialect expects better-sqlite3's synchronous API, so this small driver
 * adapts `sqlite3` instead. SQLite has one connection per file handle: a mutex hands it to one
 * query or transaction at a time, exactly like Kysely's own SQLite driver.
 */
export class Sqlite3Dialect implements Dialect {
  /** `onWrite` is called after every statement that is not a plain `select` (see `SqliteWal`). */
  constructor(
    private readonly open: () => Promise<sqlite3.Database>,
    private readonly onWrite: () => void = () => {},
  ) {}

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new Sqlite3Driver(this.open, this.onWrite);
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

  constructor(
    private readonly open: () => Promise<sqlite3.Database>,
    private readonly onWrite: () => void,
  ) {}

  async init(): Promise<void> {
    this.#db = await this.open();
    this.#connection = new Sqlite3Connection(this.#db, this.onWrite);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    if (this.#connection === undefined) throw new Error('The database is closed');
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
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    this.#connection = undefined;
    if (db === undefined) return;
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }
}

class Sqlite3Connection implements DatabaseConnection {
  constructor(
    private readonly db: sqlite3.Database,
    private readonly onWrite: () => void,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (SelectQueryNode.is(compiled.query)) return this.#execute<R>(compiled);
    try {
      return await this.#execute<R>(compiled);
    } finally {
      // Also after a failure: a failed statement may have written (a failed commit, say); one sync too many is harmless.
      this.onWrite();
    }
  }

  #execute<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters, query } = compiled;
    const params = parameters as unknown[];
    const returnsRows =
      SelectQueryNode.is(query) || query.kind === 'RawNode' || ('returning' in query && query.returning !== undefined);
    if (returnsRows) {
      return new Promise((resolve, reject) => {
        this.db.all(sql, params, (err, rows) => (err ? reject(err) : resolve({ rows: rows as R[] })));
      });
    }
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, function onRun(this: sqlite3.RunResult, err: Error | null) {
        if (err) return reject(err);
        resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
      });
    });
  }

  // biome-ignore lint/correctness/useYield: Kysely's driver interface wants a generator; this one only refuses.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported by the sqlite3 driver');
  }
}

class ConnectionMutex {
  #promise: Promise<void> | undefined;
  #resolve: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#promise !== undefined) await this.#promise;
    this.#promise = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}
