import { ON_POSTGRES, RUN_DATABASE_ENV, runOnServer, withDatabase } from './test-postgres.ts';

/**
 * Vitest global setup for `ANSWERDESK_TEST_DB=postgres`: creates the run's own database on the
 * server `TEST_POSTGRES_URL` names (any database the user may connect to, e.g.
 * `postgres://postgres@/postgres?host=/tmp/pg&port=5439`), hands it to the test processes through
 * the environment, and drops it (with every test schema in it) when the run ends. Does nothing on SQLite.
 */
export default async function postgresRunDatabase(): Promise<(() => Promise<void>) | undefined> {
  if (!ON_POSTGRES) return undefined;
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (serverUrl === undefined || serverUrl === '') {
    throw new Error(
      'ANSWERDESK_TEST_DB=postgres needs TEST_POSTGRES_URL, e.g. postgres://postgres@/postgres?host=/tmp/pg',
    );
  }
  const name = `answerdesk_test_${Date.now()}_${process.pid}`;
  await runOnServer(
    serverUrl,
    `create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`,
  );
  process.env[RUN_DATABASE_ENV] = withDatabase(serverUrl, name);
  return async () => {
    await runOnServer(serverUrl, `drop database if exists ${name} with (force)`);
  };
}
