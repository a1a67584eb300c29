import type http from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import type { Router } from 'express';
import { DirectLineBridge, type TurnLogic } from '../../bot/directline-bridge.ts';
import type { Config } from '../../config/config.ts';
import type { DirectLineService } from '../../directline/directline.service.ts';
import type { TranscriptEvents } from '../../directline/transcript-events.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Durability } from '../../store/durability.ts';
import type { InFlight } from '../in-flight.ts';
import { directLineRoutes } from './directline.routes.ts';
import { type DirectLineConnector, startDirectLineConnector } from './directline-connector.ts';
import { attachDirectLineStream, type DirectLineStreams } from './directline-stream.ts';
import { DirectLineTurns } from './directline-turns.ts';
import type { GenerateLimiter } from './generate-rate-limit.ts';

export interface DirectLineChannelDeps {
  readonly config: Pick<Config, 'bot' | 'directLine'>;
  /** The transcripts and tokens (`openDirectLineService`), and the events its streams listen to. */
  readonly service: DirectLineService;
  readonly events: TranscriptEvents;
  /** Limits public `POST /tokens/generate` per client address; one per process (tests bring their own clock). */
  readonly generateLimiter: GenerateLimiter;
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

/** Wires the channel around the service it is given; builds no store of its own. */
export function createDirectLineChannel(deps: DirectLineChannelDeps): DirectLineChannel {
  const { config, logger, service, events } = deps;
  const bridge = new DirectLineBridge(deps.adapter, deps.logic, config.bot.appId, logger);
  const turns = new DirectLineTurns(service, bridge, deps.inFlight, logger);
  let connector: DirectLineConnector | undefined;
  let streams: DirectLineStreams | undefined;

  return {
    router: directLineRoutes({
      service,
      turns,
      generateLimiter: deps.generateLimiter,
      bindingSecret: config.directLine.secret,
    }),
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
