import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/agents/agent.ts';
import type { AuditEvent, AuditTrail } from '../../src/audit/audit-trail.ts';
import { READ_AUDIT_WINDOW_MS, RequestAudit } from '../../src/http/agent-api/request-audit.ts';
import { createLogger } from '../../src/logging/logger.ts';

const JANE: Agent = {
  id: 3,
  name: 'Jane',
  email: null,
  role: 'agent',
  createdAt: '2026-12-01T00:00:00.000Z',
  revokedAt: null,
  expiresAt: null,
};
const ADA: Agent = { ...JANE, id: 4, name: 'Ada', role: 'admin' };
const request = (ip: string | undefined) => ({ ip }) as Request;

/** A trail that keeps what it is given, or fails every write. */
function trail(failing = false): AuditTrail & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return {
    events,
    record: async (event) => {
      if (failing) throw new Error('disk full');
      events.push(event);
    },
  };
}

describe('RequestAudit', () => {
  it('records a read once per person and target within the window, and again after it', async () => {
    let now = 1_000_000;
    const kept = trail();
    const audit = new RequestAudit(kept, undefined, () => now);
    const target = { type: 'ticket', id: 'T-1001' };
    await audit.read(request('10.0.0.1'), JANE, 'ticket.read', target);
    now += READ_AUDIT_WINDOW_MS - 1;
    await audit.read(request('10.0.0.1'), JANE, 'ticket.read', target);
    await audit.read(request('10.0.0.1'), ADA, 'ticket.read', target);
    await audit.read(request('10.0.0.1'), JANE, 'ticket.read', { type: 'ticket', id: 'T-1002' });
    await audit.read(request('10.0.0.1'), JANE, 'conversation.read', target);
    now += 1;
    await audit.read(request('10.0.0.2'), JANE, 'ticket.read', target);
    expect(kept.events.map((e) => [e.actor, e.action, e.target?.id, e.address])).toEqual([
      [{ kind: 'agent', agentId: 3, name: 'Jane' }, 'ticket.read', 'T-1001', '10.0.0.1'],
      [{ kind: 'admin', agentId: 4, name: 'Ada' }, 'ticket.read', 'T-1001', '10.0.0.1'],
      [{ kind: 'agent', agentId: 3, name: 'Jane' }, 'ticket.read', 'T-1002', '10.0.0.1'],
      [{ kind: 'agent', agentId: 3, name: 'Jane' }, 'conversation.read', 'T-1001', '10.0.0.1'],
      [{ kind: 'agent', agentId: 3, name: 'Jane' }, 'ticket.read', 'T-1001', '10.0.0.2'],
    ]);
  });

  it('refuses a read it could not record, so nothing is shown unaudited', async () => {
    const failing = new RequestAudit(trail(true));
    await expect(failing.read(request('10.0.0.1'), JANE, 'ticket.read')).rejects.toThrow('disk full');
  });

  it('logs a change it could not record instead of failing the change', async () => {
    const lines: string[] = [];
    const logger = createLogger('error', { write: (line: string) => lines.push(line) });
    const audit = new RequestAudit(trail(true), logger);
    await expect(audit.change(request('10.0.0.1'), JANE, 'ticket.reply')).resolves.toBeUndefined();
    expect(lines.join('')).toMatch(
      /could not record an audit event.*"action":"ticket.reply"|"action":"ticket.reply".*could not record/,
    );
  });

  it('does nothing without a trail', async () => {
    const audit = new RequestAudit(undefined);
    await expect(audit.read(request(undefined), JANE, 'ticket.read')).resolves.toBeUndefined();
    await expect(audit.change(request(undefined), JANE, 'ticket.note')).resolves.toBeUndefined();
  });
});
