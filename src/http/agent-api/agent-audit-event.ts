import type { Request } from 'express';
import type { Agent } from '../../agents/agent.ts';
import type { AuditEvent } from '../../audit/audit-trail.ts';

/**
 * The audit event of an action a signed-in agent or admin took through a request: the actor from
 * their agent row (kind `admin` for the admin role), the address as express sees it (`req.ip`,
 * which honours `TRUST_PROXY`). Routes of other features build their events with it, so every
 * event names people and places the same way.
 *
 * @example
 * await audit?.record(agentAuditEvent(req, auth.agentOf(req), 'message.redact', { type: 'message', id: '42' }));
 */
export function agentAuditEvent(
  req: Request,
  agent: Agent,
  action: string,
  target?: AuditEvent['target'],
  detail?: AuditEvent['detail'],
): AuditEvent {
  return {
    actor: { kind: agent.role === 'admin' ? 'admin' : 'agent', agentId: agent.id, name: agent.name },
    action,
    target,
    address: req.ip ?? null,
    detail,
  };
}
