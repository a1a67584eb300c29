import express, { type Request, type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { AUDIT_QUERY_PARAMETERS, parseAuditQuery } from '../../audit/audit-query.parser.ts';
import type { StoredAuditEvent } from '../../audit/stored-audit-event.ts';
import { AgentAuth } from '../agent-api/agent-auth.ts';
import { RequestAudit } from '../agent-api/request-audit.ts';
import { HttpError } from '../http.error.ts';

export interface AdminAuditServices {
  readonly agents: AgentService;
  readonly audit: Pick<AuditService, 'list' | 'record'>;
}

/** One event as the API answers it: the actor flattened to `{ kind, agentId, name }`. */
export function auditEventJson(event: StoredAuditEvent) {
  const { actor } = event;
  return {
    id: event.id,
    at: event.at,
    actor:
      actor.kind === 'agent' || actor.kind === 'admin'
        ? { kind: actor.kind, agentId: actor.agentId, name: actor.name }
        : { kind: actor.kind, agentId: null, name: actor.kind === 'cli' ? actor.user : actor.name },
    action: event.action,
    target: event.target,
    address: event.address,
    detail: event.detail,
  };
}

function queryValues(req: Request): Partial<Record<(typeof AUDIT_QUERY_PARAMETERS)[number], string>> {
  const values: Partial<Record<(typeof AUDIT_QUERY_PARAMETERS)[number], string>> = {};
  for (const [name, value] of Object.entries(req.query)) {
    const known = AUDIT_QUERY_PARAMETERS.find((p) => p === name);
    if (known === undefined)
      throw new HttpError(
        400,
        'invalid_request',
        `${name.slice(0, 40)}: not a parameter of the audit trail (use ${AUDIT_QUERY_PARAMETERS.join(', ')})`,
      );
    if (typeof value !== 'string')
      throw new HttpError(400, 'invalid_request', `${name}: give it once, as a plain value`);
    values[known] = value;
  }
  return values;
}

/**
 * `GET /api/admin/audit?from=&to=&actor=&action=&limit=&cursor=` (admin role: 401 without a valid
 * token, 403 for an agent): the audit trail, newest first, `{ events, nextCursor }`; pass
 * `nextCursor` as `cursor` for the next page. A bad parameter is a 400 naming it. Reading the trail
 * is itself recorded (`audit.read`). There is no route that changes or deletes an event: any other
 * method on `/api/admin/audit` is 405.
 */
export function adminAuditRoutes(services: AdminAuditServices): Router {
  const auth = new AgentAuth(services.agents);
  const audit = new RequestAudit(services.audit);
  const router = express.Router();
  router.get('/api/admin/audit', auth.authenticate, auth.requireRole('admin'), async (req, res) => {
    const parsed = parseAuditQuery(queryValues(req));
    if (parsed.kind === 'invalid')
      throw new HttpError(400, 'invalid_request', `${parsed.parameter}: ${parsed.problem}`);
    await audit.read(req, auth.agentOf(req), 'audit.read');
    const page = await services.audit.list(parsed.query);
    res.set('Cache-Control', 'no-store');
    res.json({ events: page.events.map(auditEventJson), nextCursor: page.nextCursor });
  });
  router.all('/api/admin/audit', (_req, res, next) => {
    res.set('Allow', 'GET, HEAD');
    next(new HttpError(405, 'method_not_allowed', 'The audit trail is read-only: only GET is allowed.'));
  });
  return router;
}
