import { CompiledQuery, PostgresDialect } from 'kysely';
import pg from 'pg';

/** PostgreSQL's type ids of `bigint` (`count(*)`, `sum` of integers) and `numeric` (`avg`, `extract`). */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * `pg` returns `bigint` and `numeric` as strings (they may not fit a JavaScript number); SQLite
 * returns numbers, and every repository expects numbers. Counts and averages here fit a double,
 * so both are read as numbers for every query, in one place.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const READ_ONLY = CompiledQuery.raw('set default_transaction_read_only = on');

/** How to connect to PostgreSQL. */
export interface PostgresOptions {
  /** Every transaction of every connection is read-only (`default_transaction_read_only`): a write fails. */
  readonly readOnly?: boolean;
}

/**
 * Kysely's `PostgresDialect` over a `pg` pool for `url` (`postgres://user:password@host:port/db`;
 * `?host=/run/postgresql` for a unix socket), reading `bigint` and `numeric` as numbers.
 */
export function createPostgresDialect(url: string, options: PostgresOptions = {}): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, types });
  // An idle pooled connection that breaks (server restart, network) is dropped by the pool, and
  // the next query opens a new one or fails with its own error; without a listener the 'error'
  // event would end the process.
  pool.on('error', () => {});
  return new PostgresDialect({
    pool,
    // Before a new connection's first query. (A `-c` startup option would do, but pg lets the
    // URL's own `options`, e.g. a search_path, replace it.)
    ...(options.readOnly === true
      ? { onCreateConnection: (connection) => connection.executeQuery(READ_ONLY).then(() => undefined) }
      : {}),
  });
}
