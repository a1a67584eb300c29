import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * `ANSWERDESK_TEST_DB=postgres` runs the suite against PostgreSQL (`npm run test:postgres`); unset
 * or `sqlite`, against SQLite files (`npm test`).
 */
export const ON_POSTGRES = process.env.ANSWERDESK_TEST_DB === 'postgres';

/**
 * The run's own PostgreSQL database (created and dropped by `postgres.global-setup.ts`), which
 * holds one schema per test database; set only on PostgreSQL.
 */
export const RUN_DATABASE_ENV = 'ANSWERDESK_TEST_RUN_DATABASE_URL';

/** Runs one statement (create or drop a database) on the PostgreSQL server at `url`, on a client of its own. */
export async function runOnServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** `url` with its database name replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  return url.replace(/^([a-z]+:\/\/[^/?#]*\/)[^?#]*/i, `$1${database}`);
}

function runDatabaseUrl(): string {
  const url = process.env[RUN_DATABASE_ENV];
  if (url === undefined || url === '') {
    throw new Error(
      `${RUN_DATABASE_ENV} is not set: run PostgreSQL tests through vitest (its global setup creates the database)`,
    );
  }
  return url;
}

function psql(url: string, statement: string): void {
  execFileSync('psql', ['--no-psqlrc', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', statement], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Schemas this process made and has not dropped: a temp folder without a database costs no psql call. */
const created = new Set<string>();

/** The schema a test database named by `key` (a temp folder) lives in: the same key, the same schema. */
function schemaFor(key: string): string {
  return `t_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * A `postgres://` URL of an isolated test database for `key`: a schema of the run's database,
 * created when missing (synchronously, so `testConfig` stays synchronous), that connections use as
 * their search_path. Calling it again with the same key (an app restarted on the same folder)
 * returns the same database.
 */
export function postgresTestUrl(key: string): string {
  const url = runDatabaseUrl();
  const schema = schemaFor(key);
  if (!created.has(schema)) psql(url, `create schema if not exists ${schema}`);
  created.add(schema);
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return `${url}${url.includes('?') ? '&' : '?'}options=${options}`;
}

/** Drops the test database of `key`, if there is one (its temp folder is being removed). */
export function dropPostgresTestDatabase(key: string): void {
  const schema = schemaFor(key);
  if (!created.delete(schema)) return;
  psql(runDatabaseUrl(), `drop schema if exists ${schema} cascade`);
}
