import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/agents/agent.ts';
import type { SignInFailure } from '../../src/agents/sign-in-failure.ts';
import type { AuditEvent } from '../../src/audit/audit-trail.ts';
import {
  FAILED_SIGN_IN_WINDOW_MS,
  FailedSignInAudit,
  MAX_FAILED_SIGN_IN_RECORDS_PER_MINUTE,
} from '../../src/audit/failed-sign-in.audit.ts';

const AGENT: Agent = {
  id: 7,
  name: 'Rae',
  email: null,
  role: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
  revokedAt: null,
  expiresAt: null,
};

function audit(): { log: FailedSignInAudit; events: AuditEvent[]; advance: (ms: number) => void } {
  const events: AuditEvent[] = [];
  let now = 1_000_000;
  const log = new FailedSignInAudit({ record: async (event) => void events.push(event) }, undefined, () => now);
  const advance = (ms: number): void => {
    now += ms;
  };
  return { log, events, advance };
}

describe('FailedSignInAudit', () => {
  it.each<[string, SignInFailure, Partial<AuditEvent>]>([
    [
      'an unknown token, naming nobody',
      { reason: 'unknown', agent: null, address: '198.51.100.1' },
      { actor: { kind: 'system', name: 'unknown token' }, address: '198.51.100.1' },
    ],
    [
      'an expired token, naming its agent',
      { reason: 'expired', agent: AGENT, address: '198.51.100.2' },
      { actor: { kind: 'admin', agentId: 7, name: 'Rae' }, target: { type: 'agent', id: '7' } },
    ],
    [
      'a revoked token, naming its agent',
      { reason: 'revoked', agent: { ...AGENT, role: 'agent' }, address: null },
      { actor: { kind: 'agent', agentId: 7, name: 'Rae' }, address: null },
    ],
  ])('records %s with its reason', async (_what, failure, expected) => {
    const { log, events } = audit();
    await log.refused(failure);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'auth.sign-in-failed',
        detail: { reason: failure.reason, repeats: 0, unrecorded: 0 },
        ...expected,
      }),
    ]);
  });

  it('records repeats from one address once per window, the next record counting them', async () => {
    const { log, events, advance } = audit();
    const failure: SignInFailure = { reason: 'unknown', agent: null, address: '203.0.113.5' };
    for (let i = 0; i < 500; i += 1) await log.refused(failure);
    expect(events).toHaveLength(1);
    // Another reason or address is its own record.
    await log.refused({ ...failure, reason: 'expired', agent: AGENT });
    await log.refused({ ...failure, address: '203.0.113.6' });
    expect(events).toHaveLength(3);
    advance(FAILED_SIGN_IN_WINDOW_MS);
    await log.refused(failure);
    expect(events).toHaveLength(4);
    expect(events[3]?.detail).toEqual({ reason: 'unknown', repeats: 499, unrecorded: 0 });
  });

  it('appends at most its per-minute cap from many addresses, the next record counting the rest', async () => {
    const { log, events, advance } = audit();
    for (let i = 0; i < 1000; i += 1)
      await log.refused({ reason: 'unknown', agent: null, address: `10.0.${i >> 8}.${i & 255}` });
    expect(events).toHaveLength(MAX_FAILED_SIGN_IN_RECORDS_PER_MINUTE);
    advance(60_000);
    await log.refused({ reason: 'unknown', agent: null, address: '192.0.2.1' });
    expect(events.at(-1)?.detail).toEqual({
      reason: 'unknown',
      repeats: 0,
      unrecorded: 1000 - MAX_FAILED_SIGN_IN_RECORDS_PER_MINUTE,
    });
  });

  it('never rejects when the trail cannot be written', async () => {
    const log = new FailedSignInAudit({ record: () => Promise.reject(new Error('disk full')) });
    await expect(log.refused({ reason: 'unknown', agent: null, address: '::1' })).resolves.toBeUndefined();
  });
});
