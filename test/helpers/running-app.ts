import { createApp, type App } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { Env } from '../../src/config/config.ts';
import { makeTempDir, testConfig } from './test-config.ts';

/** The real app on a real SQLite file, listening on an ephemeral loopback port. */
export interface RunningApp {
  readonly app: App;
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
}

export async function startApp(env: Env = {}): Promise<RunningApp> {
  const { dir, cleanup } = makeTempDir();
  const config = testConfig(dir, env);
  const app = await createApp(config, createLogger(config.logLevel));
  const server = await app.start();
  return {
    app,
    url: `http://127.0.0.1:${server.port}`,
    dir,
    stop: async () => {
      await app.stop();
      cleanup();
    },
  };
}
