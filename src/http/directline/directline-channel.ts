import type http from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import type { Router } from 'express';
import { DirectLineBridge, type TurnLogic } from '../../bot/directline-bridge.ts';
import type { Config } from '../../config/config.ts';
import type { DirectLineService } from '../../directline/directline.service.ts';
import type { TranscriptEvents } from '../../directline/transcript-events.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Durability } from '../../store/durability.ts';
import type { Transactor } from '../../store/transactor.ts';
import type { InFlight } from '../in-flight.ts';
import { directLineRoutes } from './directline.routes.ts';
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
  /**
   * The transactor the service's repository and the bot's stores are built on: each turn and its
   * bookkeeping become one transaction (see `DirectLineBridge.runTurn`). Omitted: one per write.
   */
  readonly transactor?: Transactor | undefined;
  readonly inFlight: InFlight;
  readonly logger: Logger;
}

/**
 * The self-hosted Direct Line channel, wired: REST routes, WebSocket streams, and the bridge that
 * runs turns (the bot's replies are stored in-process, see `DirectLineConnectorClient`). `src/index.ts`
 * mounts `router`, then calls the lifecycle methods in the order their docs give.
 */
export interface DirectLineChannel {
  readonly router: Router;
  readonly service: DirectLineService;
  /** For proactive messages into Direct Line conversations (`bridge.continueConversation`). */
  readonly bridge: DirectLineBridge;
  /**
   * Runs the turns a previous process left unfinished (see {@link DirectLineTurns.recover});
   * call before the public server listens.
   */
  start(): Promise<void>;
  /** Serves `streamUrl`s on the public server; call right after it listens. */
  serve(server: http.Server): void;
  /** Closes open streams; call when the public server starts closing (it cannot finish otherwise). */
  closeStreams(): void;
}

/** Wires the channel around the service it is given; builds no store of its own. */
export function createDirectLineChannel(deps: DirectLineChannelDeps): DirectLineChannel {
  const { config, logger, service, events } = deps;
  const bridge = new DirectLineBridge({
    adapter: deps.adapter,
    logic: deps.logic,
    appId: config.bot.appId,
    replies: service,
    transactor: deps.transactor,
    logger,
  });
  const turns = new DirectLineTurns(service, bridge, deps.inFlight, logger);
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
      await turns.recover();
    },
    serve(server) {
      streams = attachDirectLineStream(server, { service, events, logger, durability: deps.durability });
    },
    closeStreams() {
      streams?.close();
    },
  };
}
