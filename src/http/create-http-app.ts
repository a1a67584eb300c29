import express, { type Express, type Router } from 'express';
import type { Logger } from '../logging/logger.ts';
import { errorMiddleware } from './error-middleware.ts';
import { HttpError } from './http-error.ts';
import { jsonDepthGuard } from './json-depth.ts';

/** Largest accepted JSON body; a Bot Framework activity with a long message fits easily. */
export const JSON_BODY_LIMIT = '1mb';

/**
 * The express app: JSON parsing with a size and a nesting limit, the given routers, a JSON 404 and the error
 * middleware. It knows nothing about how its routers are built.
 */
export function createHttpApp(routers: readonly Router[], logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: JSON_BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(jsonDepthGuard());
  for (const router of routers) app.use(router);
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`)));
  app.use(errorMiddleware(logger));
  return app;
}
