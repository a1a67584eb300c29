import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DirectLineService } from '../../directline/directline.service.ts';
import { seqOfActivityId } from '../../directline/directline-activity.ts';
import type { Logger } from '../../logging/logger.ts';
import { activityValidator } from '../../shared/activity.schema.ts';
import { createHttpApp } from '../create-http-app.ts';
import { HttpError } from '../http.error.ts';
import { listen } from '../http-server.ts';
import { isLoopbackAddress } from './loopback-address.ts';

/** Path prefix of the internal Connector endpoint; the next segment is the per-process path token. */
const CONNECTOR_PATH_PREFIX = '/_directline-connector';

/** The bot's replies are held to the same activity schema as what customers send. */
const validateBotActivity = activityValidator();

/** The internal Connector endpoint, listening. */
export interface DirectLineConnector {
  /** The `serviceUrl` Direct Line turns carry, e.g. `http://127.0.0.1:40123/_directline-connector/<token>/`. */
  readonly serviceUrl: string;
  close(): Promise<void>;
}

/**
 * The part of the Bot Framework Connector API the adapter calls to send a reply
 * (`POST v3/conversations/:id/activities[/:replyToId]`, answering `{ id }`): the bot's activities
 * land in the Direct Line transcript.
 *
 * Only this process may call it. The router refuses requests that do not come from the loopback
 * interface or that carry proxy headers (a reverse proxy on the same machine forwards public
 * requests from 127.0.0.1), and answers 404 unless the path carries `pathToken`.
 */
function directLineConnectorRoutes(service: DirectLineService, pathToken: string): Router {
  const router = express.Router();
  const expected = Buffer.from(pathToken);
  const base = `${CONNECTOR_PATH_PREFIX}/:pathToken`;

  router.use(`${base}`, (req: Request<{ pathToken: string }>, _res: Response, next: NextFunction) => {
    if (
      !isLoopbackAddress(req.socket.remoteAddress) ||
      req.get('x-forwarded-for') !== undefined ||
      req.get('forwarded') !== undefined
    ) {
      return next(new HttpError(403, 'forbidden', 'The Direct Line connector only accepts requests from this server.'));
    }
    const given = Buffer.from(req.params.pathToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return next(new HttpError(404, 'not_found', `No route for ${req.method} ${CONNECTOR_PATH_PREFIX}/…`));
    }
    next();
  });

  const post = async (req: Request<{ conversationId: string; replyToId?: string }>, res: Response): Promise<void> => {
    const check = validateBotActivity(req.body);
    if (check.kind === 'invalid') throw new HttpError(400, 'bad_request', check.problem);
    const { conversationId } = req.params;
    // A reply to an id no client has (a proactive turn's own event id) would keep Web Chat waiting
    // up to 5 s for that activity before it shows the reply: such an activity replies to nothing.
    const { replyToId: bodyReplyToId, ...fields } = check.activity;
    const given = req.params.replyToId ?? (typeof bodyReplyToId === 'string' ? bodyReplyToId : undefined);
    const replyToId = given !== undefined && isTranscriptId(conversationId, given) ? given : undefined;
    const result = await service.postFromBot(conversationId, fields, replyToId);
    if (result.kind === 'not-found') throw new HttpError(404, 'not_found', 'No such conversation.');
    res.json({ id: result.id });
  };
  router.post(`${base}/v3/conversations/:conversationId/activities`, post);
  router.post(`${base}/v3/conversations/:conversationId/activities/:replyToId`, post);
  return router;
}

/** Whether `id` is an activity id of this server's transcript of `conversationId`. */
function isTranscriptId(conversationId: string, id: string): boolean {
  return id.startsWith(`${conversationId}|`) && seqOfActivityId(id) !== undefined;
}

/**
 * Starts the internal Connector endpoint on its own listener bound to 127.0.0.1 (an ephemeral
 * port, and a random path token per process), so it is unreachable from the network whatever
 * `HOST` is, and it keeps accepting the replies of in-flight turns while the public server drains.
 */
export async function startDirectLineConnector(
  service: DirectLineService,
  logger: Logger,
): Promise<DirectLineConnector> {
  const pathToken = randomBytes(24).toString('base64url');
  const app = createHttpApp([directLineConnectorRoutes(service, pathToken)], logger);
  const server = await listen(app, 0, '127.0.0.1');
  return {
    serviceUrl: `http://127.0.0.1:${server.port}${CONNECTOR_PATH_PREFIX}/${pathToken}/`,
    close: () => server.close(),
  };
}
