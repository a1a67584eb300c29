import {
  type CompiledQuery,
  type ConnectionProvider,
  type ControlledTransaction,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SelectQueryNode,
} from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

/**
 * One transaction that begins at its first write: until then each read runs on the database on its
 * own (taking the connection for that statement only); the first statement that is not a plain
 * `select` begins the transaction, and every later statement runs in it until {@link commit} or
 * {@link rollback}. So a turn holds SQLite's one connection only from its first write to its commit,
 * not while it reads, matches and runs dialogs before that; its writes are still all or nothing.
 *
 * What it gives up: the reads before the first write are not in the transaction's snapshot (another
 * commit may come between them and the write). The turn's writes that depend on a read check it
 * themselves (bot state writes are conditional on the eTag read; the Direct Line sequence is an
 * increment in the write).
 */
export class LazyTransaction {
  /** The database for the work: statements go through {@link LazyTransaction.#execute}. */
  readonly db: Db;
  #beginning: Promise<ControlledTransaction<Database>> | undefined;
  #ended = false;

  constructor(private readonly root: Db) {
    const connection: DatabaseConnection = {
      executeQuery: <R>(compiled: CompiledQuery) => this.#execute<R>(compiled),
      streamQuery: () => {
        throw new Error('Streaming queries are not supported inside a turn');
      },
    };
    const provider: ConnectionProvider = { provideConnection: (consumer) => consumer(connection) };
    // Kysely builds its own transactions this way: the same executor (compiler, adapter, plugins)
    // over another connection provider.
    this.db = new Kysely<Database>({
      config: { dialect: JOINED as unknown as Dialect },
      dialect: JOINED as unknown as Dialect,
      driver: JOINED,
      executor: root.getExecutor().withConnectionProvider(provider),
    });
  }

  /** Whether a write has begun the transaction (it then holds the connection until it ends). */
  get begun(): boolean {
    return this.#beginning !== undefined;
  }

  async commit(): Promise<void> {
    this.#ended = true;
    const trx = await this.#beginning;
    if (trx !== undefined) await trx.commit().execute();
  }

  async rollback(): Promise<void> {
    this.#ended = true;
    const trx = await this.#beginning?.catch(() => undefined);
    if (trx !== undefined) await trx.rollback().execute();
  }

  async #execute<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#ended) throw new Error('The turn has ended: no statement can join its transaction any more');
    const executor =
      this.#beginning === undefined && SelectQueryNode.is(compiled.query)
        ? this.root.getExecutor()
        : (await this.#begin()).getExecutor();
    return executor.provideConnection((connection) => connection.executeQuery<R>(compiled));
  }

  #begin(): Promise<ControlledTransaction<Database>> {
    this.#beginning ??= this.root.startTransaction().execute();
    return this.#beginning;
  }
}

/** Work inside the turn that asks for a transaction of its own joins the turn's. */
const JOINED: Driver = {
  init: async () => {},
  acquireConnection: () => Promise.reject(new Error('A turn provides its own connection')),
  beginTransaction: async () => {},
  commitTransaction: async () => {},
  rollbackTransaction: async () => {},
  releaseConnection: async () => {},
  destroy: async () => {},
};
