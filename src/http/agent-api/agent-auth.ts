import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { Agent, AgentRole } from '../../agents/agent.ts';
import { HttpError } from '../http.error.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Bearer-token authentication for the agent API. `authenticate` answers 401 for a missing,
 * unknown or revoked token; `requireRole('admin')` answers 403 for an agent without that role.
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
    const agent = await this.agents.authenticate(token);
    if (agent === undefined) throw new HttpError(401, 'unauthorized', 'The token is not valid or has been revoked.');
    res.removeHeader('WWW-Authenticate');
    this.signedIn.set(req, agent);
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
