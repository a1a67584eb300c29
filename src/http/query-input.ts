import type { Request } from 'express';
import { HttpError } from './http.error.ts';

/** A 400 `invalid_request` whose message names the parameter or field and what was wrong with it. */
export function badRequest(message: string): HttpError {
  return new HttpError(400, 'invalid_request', message);
}

/**
 * One query parameter as a trimmed string; absent or blank: undefined. A repeated parameter
 * (`?a=1&a=2`, which express reads as an array) is refused rather than guessed at.
 * @throws HttpError 400 naming the parameter.
 */
export function queryParam(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name}: give it once, as a plain value`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A whole-number query parameter from `min` to `max`; `fallback` when absent or blank.
 * @throws HttpError 400 naming the parameter, its range and (the start of) what was given.
 */
export function integerParam(req: Request, name: string, fallback: number, min: number, max: number): number {
  const raw = queryParam(req, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw badRequest(`${name}: must be a whole number from ${min} to ${max} (got "${raw.slice(0, 40)}")`);
  return value;
}
