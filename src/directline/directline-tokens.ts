import { createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * What a token may be used for: `conversation` tokens authorise the REST API (Bearer header);
 * `stream` tokens only open the WebSocket stream (`?t=` in a `streamUrl`), and live briefly
 * because URLs end up in logs.
 */
const TOKEN_PURPOSES = ['conversation', 'stream'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** How long a `streamUrl` stays usable for connecting (Azure allows 60 s; a little slack here). */
export const STREAM_TOKEN_TTL_SECONDS = 120;

/**
 * Who a token belongs to: exactly one conversation and one user. `boundUser` is true only for a
 * token a site's server obtained with the Direct Line secret for one of its own user ids: only such
 * a user id may be taken as a customer's identity. Public tokens carry a `dl_` id nobody vouches for.
 */
export interface TokenClaims {
  readonly conversationId: string;
  readonly userId: string;
  readonly userName?: string;
  readonly boundUser: boolean;
}

export type TokenCheck =
  | { readonly kind: 'valid'; readonly claims: TokenClaims; readonly expiresAt: number }
  | { readonly kind: 'expired' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** A signed token and its lifetime in seconds, as Direct Line returns them. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresIn: number;
}

const ISSUER = 'answerdesk';

/** JWT payload fields. `user` is the claim Web Chat and DirectLineJS read the user id from. */
interface Payload {
  conv?: unknown;
  user?: unknown;
  name?: unknown;
  /** Present (true) only on tokens bound to a site's user id with the secret. */
  bnd?: unknown;
  exp?: unknown;
}

/**
 * Signs and verifies Direct Line tokens: HS256 JWTs scoped to one conversation and one user,
 * with an expiry. A token for one purpose is never accepted for the other.
 */
export class DirectLineTokens {
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken first tries to parse it as
   * a public key on every verify (a thrown and caught error each time, a few percent of a turn).
   */
  readonly #key: KeyObject;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    if (secret.length < 32) throw new Error('The Direct Line signing secret must be at least 32 characters long');
    this.#key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(claims: TokenClaims, purpose: TokenPurpose = 'conversation'): IssuedToken {
    const expiresIn = purpose === 'stream' ? Math.min(STREAM_TOKEN_TTL_SECONDS, this.ttlSeconds) : this.ttlSeconds;
    const payload: Payload = { conv: claims.conversationId, user: claims.userId };
    if (claims.userName !== undefined) payload.name = claims.userName;
    if (claims.boundUser) payload.bnd = true;
    const token = jwt.sign(payload, this.#key, {
      algorithm: 'HS256',
      expiresIn,
      issuer: ISSUER,
      audience: audienceOf(purpose),
      jwtid: randomUUID(),
    });
    return { token, expiresIn };
  }

  verify(token: string, purpose: TokenPurpose = 'conversation'): TokenCheck {
    let payload: Payload;
    try {
      payload = jwt.verify(token, this.#key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: audienceOf(purpose),
      }) as Payload;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) return { kind: 'expired' };
      return { kind: 'invalid', reason: error instanceof Error ? error.message : 'unreadable token' };
    }
    const { conv, user, name, bnd, exp } = payload;
    if (typeof conv !== 'string' || typeof user !== 'string' || typeof exp !== 'number') {
      return { kind: 'invalid', reason: 'the token does not name a conversation and a user' };
    }
    const base = { conversationId: conv, userId: user, boundUser: bnd === true };
    const claims: TokenClaims = typeof name === 'string' ? { ...base, userName: name } : base;
    return { kind: 'valid', claims, expiresAt: exp };
  }
}

function audienceOf(purpose: TokenPurpose): string {
  return `answerdesk:directline:${purpose}`;
}
