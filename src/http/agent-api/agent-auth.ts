import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AgentService, TokenCheck } from '../../agents/agent.service.ts';
import type { Agent, AgentRole } from '../../agents/agent.ts';
import { HttpError } from '../http.error.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The 401 for a token that does not work now: expired and revoked say so (only its holder learns it). */
function refusal(check: Exclude<TokenCheck, { kind: 'valid' }>): HttpError {
  switch (check.kind) {
    case 'expired':
      return new HttpError(
        401,
        'token_expired',
        `This token expired on ${check.expiredAt}. Ask an admin for a new one (\`answerdesk agent rotate\`), then sign in again.`,
      );
    case 'revoked':
      return new HttpError(401, 'token_revoked', 'This token has been revoked. Ask an admin for a new one.');
    case 'unknown':
      return new HttpError(401, 'unauthorized', 'The token is not valid or has been revoked.');
  }
}

/**
 * Bearer-token authentication for the agent API. `authenticate` answers 401 for a missing,
 * unknown, revoked or expired token (`token_revoked`, `token_expired`), reading the agent from the
 * database on every request, so a change made by any process holds at once; `requireRole('admin')` answers 403 for an agent without that role.
 * The signed-in agent is kept per request, not on `res.locals`, so it stays typed.
 */
export class AgentAuth {
  private readonly signedIn = new WeakMap<Request, Agent>();

  constructor(private readonly agents: AgentService) {}

  readonly authenticate: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('WWW-Authenticate', 'Bearer realm="answerdesk-agent"');
    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      throw new HttpError(
        401,
        'unauthorized',
        'Missing token: send "Authorization: Bearer <token>" (create one with `answerdesk agent create`).',
      );
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined)
      throw new HttpError(401, 'unauthorized', 'The Authorization header must be "Bearer <token>".');
    // The address is for the audit trail's record of refused tokens (`TRUST_PROXY` decides it).
    const check = await this.agents.checkToken(token, { address: req.ip ?? null });
    if (check.kind !== 'valid') throw refusal(check);
    res.removeHeader('WWW-Authenticate');
    this.signedIn.set(req, check.agent);
    next();
  };

  requireRole(role: AgentRole): RequestHandler {
    return (req, _res, next) => {
      if (this.agentOf(req).role !== role) throw new HttpError(403, 'forbidden', `This needs the ${role} role.`);
      next();
    };
  }

  /** The agent `authenticate` signed in for this request. */
  agentOf(req: Request): Agent {
    const agent = this.signedIn.get(req);
    if (agent === undefined) throw new Error('agentOf() called on a route without authenticate');
    return agent;
  }
}
