import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { checkClientActivity } from '../../directline/client-activity.ts';
import type { DirectLineService } from '../../directline/directline.service.ts';
import { parseWatermark } from '../../directline/directline-activity.ts';
import type { TokenClaims } from '../../directline/directline-tokens.ts';
import { checkTokenRequest } from '../../directline/token-request.ts';
import { HttpError } from '../http.error.ts';
import type { DirectLineTurns } from './directline-turns.ts';
import type { GenerateLimiter } from './generate-rate-limit.ts';

/** Where the Direct Line 3.0 API lives, as on Azure (`https://directline.botframework.com/v3/directline`). */
export const DIRECT_LINE_BASE_PATH = '/v3/directline';

export interface DirectLineRouteDeps {
  readonly service: DirectLineService;
  readonly turns: Pick<DirectLineTurns, 'post' | 'start'>;
  /** Limits public `POST /tokens/generate` per client address (a secret-bearing caller is exempt). */
  readonly generateLimiter: GenerateLimiter;
  /**
   * `DIRECTLINE_SECRET`: a generate call carrying it (`Authorization: Bearer <secret>`) gets a token
   * bound to the user id it names. Empty: no bound tokens; every user id is an unbound `dl_` id.
   */
  readonly bindingSecret: string;
}

interface Authorized {
  readonly claims: TokenClaims;
  readonly token: string;
  readonly expiresIn: number;
}

/**
 * The Direct Line 3.0 subset Web Chat and DirectLineJS use: token generate/refresh, start and
 * reconnect (with a `streamUrl` for {@link attachDirectLineStream}), post an activity, and poll.
 * Status codes: no, expired or garbage token 401; a token for another conversation 403; an
 * unknown conversation 404; a body that is not an activity 400. On generate: a wrong secret 401,
 * any secret when none is configured 403.
 */
export function directLineRoutes(deps: DirectLineRouteDeps): Router {
  const { service, turns } = deps;
  const limiter = deps.generateLimiter;
  const router = express.Router();
  router.use(DIRECT_LINE_BASE_PATH, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.post(`${DIRECT_LINE_BASE_PATH}/tokens/generate`, async (req, res) => {
    // A site's server holding the secret makes tokens for all its visitors from one address: not limited.
    const caller = secretCaller(req, deps.bindingSecret);
    if (caller !== 'secret') {
      const decision = await limiter.take(req.ip ?? 'unknown');
      if (decision.kind === 'limited') {
        res.set('Retry-After', String(decision.retryAfterSeconds));
        throw new HttpError(
          429,
          'too_many_requests',
          'Too many new conversations from this address; try again shortly.',
        );
      }
      if (caller === 'wrong-secret') {
        throw new HttpError(
          401,
          'unauthorized',
          "The Authorization header does not carry this server's Direct Line secret (DIRECTLINE_SECRET).",
        );
      }
      if (caller === 'no-secret-configured') {
        throw new HttpError(
          403,
          'forbidden',
          'Bound user ids are off: this server has no DIRECTLINE_SECRET. Call without an Authorization header for an unbound token.',
        );
      }
    }
    const request = checkTokenRequest(req.body, caller === 'secret' ? 'secret' : 'public');
    if (request.kind === 'invalid') throw new HttpError(400, 'bad_request', request.problem);
    const created = await service.createConversation(request.user);
    res.json({ conversationId: created.conversationId, token: created.token, expires_in: created.expiresIn });
  });

  router.post(`${DIRECT_LINE_BASE_PATH}/tokens/refresh`, async (req, res) => {
    const { claims } = await authorize(service, req);
    const refreshed = service.refresh(claims);
    res.json({ conversationId: claims.conversationId, token: refreshed.token, expires_in: refreshed.expiresIn });
  });

  router.post(`${DIRECT_LINE_BASE_PATH}/conversations`, async (req, res) => {
    const access = await authorize(service, req);
    const started = await startOnce(access.claims);
    res.status(started ? 201 : 200).json(conversationBody(service, req, access, undefined));
  });

  router.get(`${DIRECT_LINE_BASE_PATH}/conversations/:conversationId`, async (req, res) => {
    const access = await authorize(service, req, req.params.conversationId);
    const watermark = watermarkOf(req);
    // A client may reconnect with a generated token without ever calling "start": greet it anyway.
    await startOnce(access.claims);
    res.json(conversationBody(service, req, access, watermark));
  });

  router.post(`${DIRECT_LINE_BASE_PATH}/conversations/:conversationId/activities`, async (req, res) => {
    const { claims } = await authorize(service, req, req.params.conversationId);
    const check = checkClientActivity(req.body);
    if (check.kind === 'invalid') throw new HttpError(400, 'bad_request', check.problem);
    // Answers once the bot is done, so that a 2xx means the activity is stored and its turn (and
    // everything its middleware stores) has happened; a retry with the same client id gets the same id.
    const posted = await turns.post(claims, check.activity);
    if (posted.kind === 'not-found') throw notFound();
    res.json({ id: posted.id });
  });

  router.get(`${DIRECT_LINE_BASE_PATH}/conversations/:conversationId/activities`, async (req, res) => {
    const { claims } = await authorize(service, req, req.params.conversationId);
    res.json(await service.activitiesAfter(claims.conversationId, watermarkOf(req)));
  });

  /** Starts the conversation if nobody has; true when this call did (the bot has greeted by then). */
  async function startOnce(claims: TokenClaims): Promise<boolean> {
    const result = await service.start(claims);
    if (result.kind === 'not-found') throw notFound();
    if (result.kind === 'already-started') return false;
    await turns.start(result.conversationUpdate);
    return true;
  }

  return router;
}

async function authorize(service: DirectLineService, req: Request, conversationId?: string): Promise<Authorized> {
  const token = bearerToken(req);
  const check = await service.authorize(token, conversationId);
  switch (check.kind) {
    case 'ok':
      return {
        claims: check.claims,
        token: token ?? '',
        expiresIn: Math.max(0, check.expiresAt - Math.floor(Date.now() / 1000)),
      };
    case 'unauthorized':
      throw new HttpError(401, 'unauthorized', check.message);
    case 'forbidden':
      throw new HttpError(403, 'forbidden', 'This token is for a different conversation.');
    case 'not-found':
      throw notFound();
  }
}

/** Who calls generate: anyone (no Authorization header), the secret holder, or someone with a wrong secret. */
function secretCaller(req: Request, secret: string): 'public' | 'secret' | 'wrong-secret' | 'no-secret-configured' {
  if (req.get('authorization') === undefined) return 'public';
  if (secret === '') return 'no-secret-configured';
  const given = bearerToken(req);
  // Hashing first gives equal lengths, so the comparison time says nothing about the secret.
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return given !== undefined && timingSafeEqual(digest(given), digest(secret)) ? 'secret' : 'wrong-secret';
}

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

function watermarkOf(req: Request): number {
  const watermark = parseWatermark(req.query.watermark);
  if (watermark === undefined)
    throw new HttpError(400, 'bad_request', 'The "watermark" must be a watermark this server returned (digits).');
  return watermark;
}

function notFound(): HttpError {
  return new HttpError(404, 'not_found', 'No such conversation.');
}

/** The conversation object of start and reconnect, with a fresh `streamUrl` pointing at this server. */
function conversationBody(
  service: DirectLineService,
  req: Request,
  access: Authorized,
  watermark: number | undefined,
): Record<string, unknown> {
  const { claims } = access;
  const scheme = req.protocol === 'https' ? 'wss' : 'ws';
  const query = new URLSearchParams({ t: service.streamToken(claims).token });
  if (watermark !== undefined && watermark > 0) query.set('watermark', String(watermark));
  return {
    conversationId: claims.conversationId,
    token: access.token,
    expires_in: access.expiresIn,
    streamUrl: `${scheme}://${req.host}${DIRECT_LINE_BASE_PATH}/conversations/${encodeURIComponent(claims.conversationId)}/stream?${query}`,
  };
}
