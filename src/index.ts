import type { Config } from './config/config.ts';
import type { Logger } from './logging/logger.ts';
import { openDatabase, type Db } from './store/database.ts';
import { BotStateRepository } from './store/bot-state.repository.ts';
import { DatabaseStorage } from './bot/database-storage.ts';
import { createAdapter } from './bot/create-adapter.ts';
import { SupportBot } from './bot/support-bot.ts';
import { turnLoggingMiddleware } from './bot/turn-logging.middleware.ts';
import { createHttpApp } from './http/create-http-app.ts';
import { botEndpoint } from './http/bot-endpoint.ts';
import { healthRoutes } from './http/health-routes.ts';
import { listen, type RunningServer } from './http/http-server.ts';
import { InFlight } from './http/in-flight.ts';

/** A fully wired server that has not started listening yet. */
export interface App {
  readonly db: Db;
  /** Starts listening on `config.port` (0 = ephemeral). */
  start(): Promise<RunningServer>;
  /** Stops accepting, waits for in-flight turns (up to the shutdown timeout), closes the database. */
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that builds the database, the adapter, the state and the
 * services and hands them down. Everything can be built twice in one process (tests do).
 */
export async function createApp(config: Config, logger: Logger): Promise<App> {
  const db = await openDatabase(config.databasePath);
  const storage = new DatabaseStorage(new BotStateRepository(db));
  void storage; // conversation state arrives with the dialogs
  const bot = new SupportBot();
  const adapter = createAdapter(config.bot, logger, {
    apology: () => 'Sorry, something went wrong on my side. Please try again in a moment.',
    clearState: async () => {},
  });
  adapter.use(turnLoggingMiddleware(logger));
  if (config.bot.appId === '') {
    logger.warn(
      'UNAUTHENTICATED MODE: MicrosoftAppId is not set, so POST /api/messages accepts requests from anyone and the bot ' +
        'posts replies to any serviceUrl it is given. Fine for local use and the Emulator; set MicrosoftAppId and ' +
        'MicrosoftAppPassword before exposing this server to a network.',
    );
  }

  const inFlight = new InFlight();
  const app = createHttpApp([healthRoutes(db), botEndpoint(adapter, bot, inFlight)], logger);
  let running: RunningServer | undefined;

  return {
    db,
    async start() {
      running = await listen(app, config.port, config.host);
      return running;
    },
    async stop() {
      const closing = running?.close();
      const drained = await inFlight.drain(config.shutdownTimeoutMs);
      if (!drained) logger.warn({ pending: inFlight.size }, 'shutdown timeout: some turns did not finish');
      await closing;
      await db.destroy();
    },
  };
}
