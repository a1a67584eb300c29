import http from 'node:http';
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from '../logging/logger.ts';
import { AppError } from '../shared/app.error.ts';
import { HttpError } from './http.error.ts';

/** What http-errors, body-parser, send and the router put on the errors they raise. */
interface StatusCarrier {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  limit?: unknown;
  code?: unknown;
  headers?: unknown;
}

/** Response headers a status error may carry and that are safe to pass on (send's 416 names the servable range). */
const PASSED_ON_HEADERS = ['content-range', 'retry-after', 'allow'] as const;

/**
 * Maps errors to a status and a JSON body `{ error: { code, message } }`. Every error that carries
 * an HTTP status (`status`/`statusCode` 4xx/5xx, as http-errors, body-parser, send and the router
 * set) gets that status and a message naming what was wrong; unknown errors are logged and answer
 * 500 with nothing internal in the body.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const send = (status: number, code: string, message: string): void => {
      res.status(status).json({ error: { code, message } });
    };
    if (err instanceof HttpError) return send(err.status, err.code, err.message);
    if (err instanceof Error && err.name === 'ZodError') {
      return send(400, 'bad_request', 'The request body is not a valid Bot Framework activity.');
    }
    if (err instanceof AppError) return send(400, err.code, err.userMessage);
    const carrier = (typeof err === 'object' && err !== null ? err : {}) as StatusCarrier;
    const status = statusOf(carrier);
    if (status !== undefined && status < 500) {
      passOnHeaders(res, carrier.headers);
      const known = describeClientError(err, carrier, status, req.get('content-encoding'));
      return send(status, known.code, known.message);
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error in request');
    if (status !== undefined)
      return send(status, 'server_error', `${http.STATUS_CODES[status] ?? 'Server error'}. The error has been logged.`);
    return send(500, 'internal_error', 'Something went wrong on our side. The error has been logged.');
  };
}

function statusOf(carrier: StatusCarrier): number | undefined {
  const raw = carrier.status ?? carrier.statusCode;
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 400 && raw <= 599 ? raw : undefined;
}

/** A code and a message for a 4xx raised by express's own parts; the message names what was wrong. */
function describeClientError(
  err: unknown,
  carrier: StatusCarrier,
  status: number,
  contentEncoding: string | undefined,
): { code: string; message: string } {
  if (err instanceof URIError)
    return { code: 'bad_path', message: 'The path contains a malformed %-escape (it does not decode to UTF-8).' };
  switch (carrier.type) {
    case 'entity.parse.failed':
      return { code: 'invalid_json', message: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return {
        code: 'payload_too_large',
        message: `The request body is larger than the limit of ${typeof carrier.limit === 'number' ? carrier.limit : 'the server'} bytes.`,
      };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return {
        code: 'unsupported_encoding',
        message: 'The request body must be UTF-8 encoded JSON, sent as is or with Content-Encoding gzip or deflate.',
      };
    case 'request.size.invalid':
      return { code: 'bad_request', message: 'The request body is not as long as its Content-Length says.' };
    case 'request.aborted':
      return { code: 'bad_request', message: 'The request body was not sent completely.' };
    default:
      break;
  }
  // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR…) while inflating a body that claims an encoding.
  if (typeof carrier.code === 'string' && carrier.code.startsWith('Z_')) {
    const encoding = /^\s*(gzip|deflate|br)\s*$/i.exec(contentEncoding ?? '')?.[1]?.toLowerCase() ?? 'compressed data';
    return {
      code: 'invalid_encoding',
      message: `The body is not valid ${encoding} although Content-Encoding says it is.`,
    };
  }
  if (status === 416)
    return {
      code: 'range_not_satisfiable',
      message: 'The requested Range lies outside the file; see Content-Range for its size.',
    };
  return { code: 'bad_request', message: `${http.STATUS_CODES[status] ?? 'Bad request'}.` };
}

function passOnHeaders(res: Response, headers: unknown): void {
  if (typeof headers !== 'object' || headers === null) return;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if ((PASSED_ON_HEADERS as readonly string[]).includes(lower) && typeof value === 'string') res.set(lower, value);
  }
}
