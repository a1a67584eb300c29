import { Writable } from 'node:stream';
import type { Env } from '../../src/config/config.ts';
import { type App, type AppOptions, createApp } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { testConfig } from './test-config.ts';

/** The real app in `dir` (its SQLite file is `dir/test.sqlite`), logging at `info` into a string the test can read. */
export async function startCapturedApp(
  dir: string,
  env: Env = {},
  options: AppOptions = {},
): Promise<{ app: App; url: string; logs: () => string }> {
  let logs = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs += chunk.toString('utf8');
      done();
    },
  });
  const config = testConfig(dir, { LOG_LEVEL: 'info', ...env });
  const app = await createApp(config, createLogger(config.logLevel, sink), options);
  const server = await app.start();
  return { app, url: `http://127.0.0.1:${server.port}`, logs: () => logs };
}
