import type http from 'node:http';
import type { Env } from '../../src/config/config.ts';
import { type App, type AppOptions, createApp } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { makeTempDir, testConfig } from './test-config.ts';

/** The real app on a real SQLite file, listening on an ephemeral loopback port. */
export interface RunningApp {
  readonly app: App;
  readonly url: string;
  readonly dir: string;
  /** The listening Node server (its request listener is the express app). */
  readonly server: http.Server;
  stop(): Promise<void>;
}

/** Starts the app on `testConfig(dir, env)`; `options` are the wiring choices of `createApp` (e.g. a rate limiter on a test clock). */
export async function startApp(env: Env = {}, options: AppOptions = {}): Promise<RunningApp> {
  const { dir, cleanup } = makeTempDir();
  const config = testConfig(dir, env);
  const app = await createApp(config, createLogger(config.logLevel), options);
  const server = await app.start();
  return {
    app,
    url: `http://127.0.0.1:${server.port}`,
    dir,
    server: server.server,
    stop: async () => {
      await app.stop();
      cleanup();
    },
  };
}
