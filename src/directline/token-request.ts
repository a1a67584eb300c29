import { randomBytes } from 'node:crypto';
import { MAX_USER_NAME_LENGTH } from './client-activity.ts';

/** User ids a client may ask for: short, and safe in URLs, logs and HTML attributes. */
const USER_ID_PATTERN = /^[A-Za-z0-9_.:@-]{1,64}$/;

/**
 * The prefix of every user id nobody vouches for: ids the server made up, and ids a page asked for
 * on the public generate call (Azure reserves `dl_` for such ids too). A secret-bound id may not
 * start with it, so the two kinds can never be the same id.
 */
const PUBLIC_USER_ID_PREFIX = 'dl_';

/** Who may be asking: anyone (`public`), or a site's server holding the Direct Line secret (`secret`). */
const TOKEN_CALLERS = ['public', 'secret'] as const;
export type TokenCaller = (typeof TOKEN_CALLERS)[number];

/** The user a new conversation is for; `bound` when a secret holder vouched for the id. */
export interface TokenUser {
  readonly id: string;
  readonly name?: string;
  readonly bound: boolean;
}

export type TokenRequestCheck =
  | { readonly kind: 'ok'; readonly user: TokenUser }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Reads the optional body of `POST /tokens/generate` (`{ user: { id, name } }`, as on Azure).
 *
 * - Without a user id the server makes one up (`dl_…`); the token is not bound.
 * - `public` caller with an id: the id is namespaced under `dl_` (kept if it already starts so),
 *   so a page can never claim an id a site bound; the token is not bound.
 * - `secret` caller with an id: the id is used as given and the token is bound to it; ids starting
 *   with `dl_` are refused, being reserved for the public kind.
 */
export function checkTokenRequest(body: unknown, caller: TokenCaller = 'public'): TokenRequestCheck {
  const generated = (): TokenUser => ({
    id: `${PUBLIC_USER_ID_PREFIX}${randomBytes(12).toString('base64url')}`,
    bound: false,
  });
  if (body === undefined || body === null || (isRecord(body) && body.user === undefined))
    return { kind: 'ok', user: generated() };
  if (!isRecord(body))
    return {
      kind: 'invalid',
      problem: 'The request body must be a JSON object like {"user": {"id": "…", "name": "…"}}.',
    };
  const { user } = body;
  if (!isRecord(user))
    return { kind: 'invalid', problem: 'The request\'s "user" must be an object like {"id": "…", "name": "…"}.' };
  const { id, name } = user;
  if (id !== undefined && (typeof id !== 'string' || !USER_ID_PATTERN.test(id))) {
    return { kind: 'invalid', problem: '"user.id" must be 1 to 64 letters, digits or any of _ . : @ -' };
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > MAX_USER_NAME_LENGTH)) {
    return { kind: 'invalid', problem: `"user.name" must be a string of at most ${MAX_USER_NAME_LENGTH} characters.` };
  }
  if (caller === 'secret' && id?.startsWith(PUBLIC_USER_ID_PREFIX)) {
    return {
      kind: 'invalid',
      problem: `"user.id" must not start with "${PUBLIC_USER_ID_PREFIX}": that prefix is reserved for ids nobody vouches for.`,
    };
  }
  let base: TokenUser;
  if (id === undefined) base = generated();
  else if (caller === 'secret') base = { id, bound: true };
  else base = { id: id.startsWith(PUBLIC_USER_ID_PREFIX) ? id : `${PUBLIC_USER_ID_PREFIX}${id}`, bound: false };
  return { kind: 'ok', user: typeof name === 'string' && name !== '' ? { ...base, name } : base };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
