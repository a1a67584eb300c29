import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config, type Env } from '../../src/config/config.ts';

/** A fresh temporary folder, removed by the returned `cleanup`. */
export function makeTempDir(prefix = 'answerdesk-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * One snapshot cache for every app a test run starts: the cache is keyed by a hash of the
 * knowledge files and the model version (and checksummed), so apps on the same knowledge share
 * one training instead of each retraining it; a test about the cache passes its own folder.
 */
export const SHARED_KNOWLEDGE_CACHE_DIR = path.join(os.tmpdir(), 'answerdesk-test-knowledge-cache');

/** A config built from literals: ephemeral port, loopback, a real SQLite file in `dir`, quiet logs. */
export function testConfig(dir: string, env: Env = {}): Config {
  return loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dir, 'test.sqlite')}`,
      LOG_LEVEL: 'silent',
      SHUTDOWN_TIMEOUT_MS: '2000',
      KNOWLEDGE_CACHE_DIR: SHARED_KNOWLEDGE_CACHE_DIR,
      ...env,
    },
    path.resolve(import.meta.dirname, '../..'),
  );
}
