import express, { type Express, type Router } from 'express';
import type { TrustProxy } from '../config/trust-proxy.ts';
import type { Logger } from '../logging/logger.ts';
import type { Durability } from '../store/durability.ts';
import { durableResponses } from './durable-responses.ts';
import { errorMiddleware } from './error.middleware.ts';
import { HttpError } from './http.error.ts';
import { jsonDepthGuard } from './json-depth.ts';

/** Largest accepted JSON body; a Bot Framework activity with a long message fits easily. */
const JSON_BODY_LIMIT = '1mb';

/**
 * The express app: successful answers held until the database is durable ({@link durableResponses}),
 * JSON parsing with a size and a nesting limit, the given routers, a JSON 404 and the error
 * middleware. It knows nothing about how its routers are built.
 *
 * Omit `durability` only for a server whose answers go to this process itself (the internal
 * Direct Line connector the bot replies through): the request that caused them syncs.
 * `trustProxy` (`TRUST_PROXY`) says whose `X-Forwarded-For` sets `req.ip`, the address the rate
 * limit and the audit trail see; loopback by default.
 */
export function createHttpApp(
  routers: readonly Router[],
  logger: Logger,
  durability?: Durability,
  trustProxy: TrustProxy = ['loopback'],
): Express {
  const app = express();
  app.disable('x-powered-by');
  // express reads an array as a list of addresses; a copy, since the config is frozen.
  app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  if (durability !== undefined) app.use(durableResponses(durability, logger));
  app.use(express.json({ limit: JSON_BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(jsonDepthGuard());
  for (const router of routers) app.use(router);
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`)));
  app.use(errorMiddleware(logger));
  return app;
}
