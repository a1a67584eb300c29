import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Config, type Env, loadConfig } from '../../src/config/config.ts';
import { dropPostgresTestDatabase, ON_POSTGRES, postgresTestUrl } from './test-postgres.ts';

/**
 * A fresh temporary folder, removed by the returned `cleanup`; on PostgreSQL the cleanup also
 * drops the test database {@link testDatabaseUrl} made for the folder.
 */
export function makeTempDir(prefix = 'answerdesk-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (ON_POSTGRES) dropPostgresTestDatabase(dir);
    },
  };
}

/**
 * The `DATABASE_URL` of the test database that belongs to temp folder `dir`: a SQLite file in it,
 * or with `ANSWERDESK_TEST_DB=postgres` an isolated PostgreSQL database (the same one for the same folder).
 */
export function testDatabaseUrl(dir: string): string {
  return ON_POSTGRES ? postgresTestUrl(dir) : `file:${path.join(dir, 'test.sqlite')}`;
}

/**
 * One snapshot cache for every app a test run starts: the cache is keyed by a hash of the
 * knowledge files and the model version (and checksummed), so apps on the same knowledge share
 * one training instead of each retraining it; a test about the cache passes its own folder.
 */
export const SHARED_KNOWLEDGE_CACHE_DIR = path.join(os.tmpdir(), 'answerdesk-test-knowledge-cache');

/**
 * The tests' own knowledge folder: a small shop (14 FAQ entries, a third of the out-of-scope
 * examples; sentiment and complaint files copied from the sample). Tests assert its wording, so an
 * admin's edit to `knowledge/` cannot fail them; only `test/smoke/shipped-knowledge.test.ts` loads
 * `knowledge/`.
 */
export const FIXTURE_KNOWLEDGE_DIR = path.resolve(import.meta.dirname, '../fixtures/knowledge');

/**
 * Environment every server a test starts gets (in process or as a child). The server never closes
 * an idle keep-alive socket while a test runs: with Node's 5 s default, a test's next `fetch` can
 * be written onto a socket the server is closing at that moment (ECONNRESET). undici retires idle
 * sockets after the server's advertised timeout minus 2 s, but on a clock that advances by fixed
 * ticks, so a busy or blocked test process lags real time and keeps the socket past the server's
 * close; and when the event loop was blocked, a request can be written before the server's overdue
 * keep-alive timer fires in the same loop turn and destroys the socket under it.
 */
export const TEST_SERVER_ENV = { HTTP_KEEP_ALIVE_TIMEOUT_MS: '600000' } as const;

/**
 * A config built from literals: ephemeral port, loopback, a real SQLite file in `dir` (on
 * PostgreSQL its own database, {@link testDatabaseUrl}), quiet logs,
 * the fixture knowledge ({@link FIXTURE_KNOWLEDGE_DIR}) unless `env` names another folder.
 */
export function testConfig(dir: string, env: Env = {}): Config {
  return loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      // Only made when the test does not name its own database (a PostgreSQL schema costs a psql call).
      ...(env.DATABASE_URL === undefined ? { DATABASE_URL: testDatabaseUrl(dir) } : {}),
      LOG_LEVEL: 'silent',
      SHUTDOWN_TIMEOUT_MS: '2000',
      KNOWLEDGE_CACHE_DIR: SHARED_KNOWLEDGE_CACHE_DIR,
      KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR,
      ...TEST_SERVER_ENV,
      ...env,
    },
    path.resolve(import.meta.dirname, '../..'),
  );
}
