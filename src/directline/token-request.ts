import { randomBytes } from 'node:crypto';
import { MAX_USER_NAME_LENGTH } from './client-activity.ts';

/** User ids a client may ask for: short, and safe in URLs, logs and HTML attributes. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_.:@-]{1,64}$/;

/** The user a new conversation is for. */
export interface TokenUser {
  readonly id: string;
  readonly name?: string;
}

export type TokenRequestCheck = { readonly kind: 'ok'; readonly user: TokenUser } | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Reads the optional body of `POST /tokens/generate` (`{ user: { id, name } }`, as on Azure).
 * Without a user id the server makes one up (`dl_…`, the prefix Azure reserves for ids embedded
 * in tokens, which Web Chat then takes from the token).
 */
export function checkTokenRequest(body: unknown): TokenRequestCheck {
  const generated = (): TokenUser => ({ id: `dl_${randomBytes(12).toString('base64url')}` });
  if (body === undefined || body === null || (isRecord(body) && body.user === undefined)) return { kind: 'ok', user: generated() };
  if (!isRecord(body)) return { kind: 'invalid', problem: 'The request body must be a JSON object like {"user": {"id": "…", "name": "…"}}.' };
  const { user } = body;
  if (!isRecord(user)) return { kind: 'invalid', problem: 'The request\'s "user" must be an object like {"id": "…", "name": "…"}.' };
  const { id, name } = user;
  if (id !== undefined && (typeof id !== 'string' || !USER_ID_PATTERN.test(id))) {
    return { kind: 'invalid', problem: '"user.id" must be 1 to 64 letters, digits or any of _ . : @ -' };
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > MAX_USER_NAME_LENGTH)) {
    return { kind: 'invalid', problem: `"user.name" must be a string of at most ${MAX_USER_NAME_LENGTH} characters.` };
  }
  const base = id === undefined ? generated() : { id };
  return { kind: 'ok', user: typeof name === 'string' && name !== '' ? { ...base, name } : base };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
