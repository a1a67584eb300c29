import type { RequestHandler, Response } from 'express';
import type { Logger } from '../logging/logger.ts';
import type { Durability } from '../store/durability.ts';

/**
 * Holds back the end of every successful response (status below 300, whatever the method) until
 * {@link Durability.sync} has made every commit so far durable, so that no 2xx acknowledges a
 * write, and no answer shows data, that an OS crash or power loss could still take back. This is
 * the one place that gives `DATABASE_SYNCHRONOUS=request` its guarantee for every route, the
 * Bot Framework adapter's `/api/messages` included (it ends the response itself).
 *
 * Like express-session saving a session, it wraps `res.end`: the status and headers a handler set
 * are kept, and only their sending waits. If the sync fails and nothing was sent yet, the client
 * gets a 503 instead; a handler that already streamed part of a body gets its connection cut.
 */
export function durableResponses(durability: Durability, logger: Logger): RequestHandler {
  return (_req, res, next) => {
    if (durability.mode !== 'request') return next();
    const end = res.end;
    res.end = function durableEnd(this: Response, ...args: unknown[]): Response {
      if (this.statusCode >= 300) return end.apply(this, args as Parameters<Response['end']>);
      durability.sync().then(
        () => end.apply(this, args as Parameters<Response['end']>),
        (error: unknown) => {
          logger.error({ err: error }, 'could not make the database durable before answering; answering 503');
          if (this.headersSent) return this.destroy(error instanceof Error ? error : undefined);
          for (const name of this.getHeaderNames()) this.removeHeader(name);
          this.statusCode = 503;
          this.setHeader('content-type', 'application/json; charset=utf-8');
          this.end = end;
          this.end(
            JSON.stringify({
              error: { code: 'unavailable', message: 'The database could not store this durably; try again.' },
            }),
          );
        },
      );
      return this;
    } as Response['end'];
    next();
  };
}
