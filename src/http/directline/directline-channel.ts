import type http from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import type { Router } from 'express';
import { DirectLineBridge, type TurnLogic } from '../../bot/directline-bridge.ts';
import type { Config } from '../../config/config.ts';
import { resolveDirectLineSecret } from '../../directline/directline-secret.ts';
import { DirectLineRepository } from '../../directline/directline.repository.ts';
import { DirectLineService } from '../../directline/directline.service.ts';
import { DirectLineTokens } from '../../directline/directline-tokens.ts';
import { TranscriptEvents } from '../../directline/transcript-events.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Db } from '../../store/database.ts';
import type { Durability } from '../../store/durability.ts';
import type { InFlight } from '../in-flight.ts';
import { startDirectLineConnector, type DirectLineConnector } from './directline-connector.ts';
import { directLineRoutes } from './directline-routes.ts';
import { DirectLineTurns } from './directline-turns.ts';
import { attachDirectLineStream, type DirectLineStreams } from './directline-stream.ts';

/** Bot id on Direct Line when no Microsoft app id is configured. */
export const LOCAL_BOT_ID = 'answerdesk-bot';

export interface DirectLineChannelDeps {
  readonly config: Pick<Config, 'bot' | 'directLine' | 'widget'>;
  readonly db: Db;
  /** What the streams wait for before each frame (the REST routes get it from `createHttpApp`). */
  readonly durability: Durability;
  readonly adapter: CloudAdapter;
  readonly logic: TurnLogic;
  readonly inFlight: InFlight;
  readonly logger: Logger;
}

/**
 * The self-hosted Direct Line channel, wired: REST routes, WebSocket streams, the internal
 * Connector endpoint the bot replies through, and the bridge that runs turns. `src/index.ts`
 * mounts `router`, then calls the lifecycle methods in the order their docs give.
 */
export interface DirectLineChannel {
  readonly router: Router;
  readonly service: DirectLineService;
  /** For proactive messages into Direct Line conversations (`bridge.continueConversation`). */
  readonly bridge: DirectLineBridge;
  /**
   * Starts the internal Connector endpoint, then runs the turns a previous process left
   * unfinished (see {@link DirectLineTurns.recover}); call before the public server listens.
   */
  start(): Promise<void>;
  /** Serves `streamUrl`s on the public server; call right after it listens. */
  serve(server: http.Server): void;
  /** Closes open streams; call when the public server starts closing (it cannot finish otherwise). */
  closeStreams(): void;
  /** Closes the internal Connector endpoint; call after in-flight turns have finished. */
  stop(): Promise<void>;
}

export async function createDirectLineChannel(deps: DirectLineChannelDeps): Promise<DirectLineChannel> {
  const { config, logger } = deps;
  const repository = new DirectLineRepository(deps.db);
  const secret = await resolveDirectLineSecret(config.directLine.secret, repository);
  const events = new TranscriptEvents();
  const service = new DirectLineService(repository, new DirectLineTokens(secret, config.directLine.tokenTtlSeconds), events, {
    id: config.bot.appId === '' ? LOCAL_BOT_ID : config.bot.appId,
    name: config.widget.botName,
    role: 'bot',
  });
  const bridge = new DirectLineBridge(deps.adapter, deps.logic, config.bot.appId, logger);
  const turns = new DirectLineTurns(service, bridge, deps.inFlight, logger);
  let connector: DirectLineConnector | undefined;
  let streams: DirectLineStreams | undefined;

  return {
    router: directLineRoutes({ service, turns, bindingSecret: config.directLine.secret }),
    service,
    bridge,
    async start() {
      const started = await startDirectLineConnector(service, logger);
      bridge.setServiceUrl(started.serviceUrl);
      try {
        await turns.recover();
      } catch (error) {
        // A server that cannot finish what it owes must not keep a listener (and the process) alive.
        await started.close();
        throw error;
      }
      connector = started;
    },
    serve(server) {
      streams = attachDirectLineStream(server, { service, events, logger, durability: deps.durability });
    },
    closeStreams() {
      streams?.close();
    },
    async stop() {
      await connector?.close();
    },
  };
}
