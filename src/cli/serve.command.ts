import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { LiveRedactor } from '../privacy/live-redactor.ts';
import { describeDatabaseLocation } from '../store/database-location.ts';

/** `dist` when running what `npm run build` compiled, `sources` when running the TypeScript through tsx (see bin/answerdesk.js). */
const RUNNING_CODE = import.meta.url.endsWith('.ts') ? 'sources' : 'dist';

/** `answerdesk serve`: starts the HTTP server until SIGTERM / SIGINT. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the bot server (configuration from environment variables; see .env.example)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { port?: string }) => {
      const env = { ...process.env, ...(options.port === undefined ? {} : { PORT: options.port }) };
      const config = loadConfig(env);
      // One redactor for log lines and stored text; createApp loads the admins' patterns into it.
      const redactor = new LiveRedactor(config.redactionTypes);
      const logger = createLogger(config.logLevel, undefined, redactor);
      const started = performance.now();
      // The whole server is loaded only for `serve`: other subcommands stay quick to start.
      const { createApp } = await import('../index.ts');
      const app = await createApp(config, logger, { redactor });
      let server: Awaited<ReturnType<typeof app.start>>;
      try {
        server = await app.start();
      } catch (error) {
        // Close what createApp opened (database, knowledge watcher, workers): else the process would
        // stay up, half started, instead of exiting with the error.
        await app
          .stop()
          .catch((stopError: unknown) =>
            logger.error({ err: stopError }, 'could not close everything after the failed start'),
          );
        throw error;
      }
      logger.info(
        {
          url: server.url,
          database: describeDatabaseLocation(config.databasePath),
          startupMs: Math.round(performance.now() - started),
          code: RUNNING_CODE,
        },
        `answerdesk listening on ${server.url}`,
      );
      await waitForSignal();
      logger.info('shutting down: no new connections, finishing in-flight turns');
      await app.stop();
      logger.info('stopped');
    });
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
