import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logging/logger.ts';
import { AppError } from '../shared/app-error.ts';
import { HttpError } from './http-error.ts';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Maps errors to a status and a JSON body `{ error: { code, message } }`; unknown errors are logged, never echoed. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const send = (status: number, code: string, message: string): void => {
      res.status(status).json({ error: { code, message } });
    };
    if (err instanceof HttpError) return send(err.status, err.code, err.message);
    const parser = err as BodyParserError;
    if (parser.type === 'entity.parse.failed') return send(400, 'invalid_json', 'The request body is not valid JSON.');
    if (parser.type === 'entity.too.large') {
      return send(413, 'payload_too_large', `The request body is larger than the limit of ${parser.limit ?? 'the server'} bytes.`);
    }
    if (parser.type === 'charset.unsupported' || parser.type === 'encoding.unsupported') {
      return send(415, 'unsupported_encoding', 'The request body must be UTF-8 encoded JSON.');
    }
    if (err instanceof Error && err.name === 'ZodError') {
      return send(400, 'bad_request', 'The request body is not a valid Bot Framework activity.');
    }
    if (err instanceof AppError) return send(400, err.code, err.userMessage);
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error in request');
    return send(500, 'internal_error', 'Something went wrong on our side. The error has been logged.');
  };
}
