import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_SIGN_IN_RECORDS_PER_MINUTE } from '../../src/audit/failed-sign-in.audit.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

/**
 * Failed sign-ins and queue listings in the audit trail, over real HTTP and the real database:
 * wrong, expired and revoked tokens on agent and admin routes are recorded with the address and
 * never the token; a flood stays a handful of rows; the queue listing is recorded once per window.
 */
describe('audit trail: failed sign-ins and queue listings', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(async () => {
    await server.stop();
  });

  const call = (path: string, token: string, address: string) =>
    fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } });
  const failures = async () => (await server.app.audit.list({ action: 'auth.sign-in-failed', limit: 1000 })).events;
  const everything = async () => JSON.stringify(await server.app.db.selectFrom('audit_events').selectAll().execute());

  it.each([
    ['a wrong token', '/api/agent/me', 'unknown', '198.51.100.11'],
    ['a wrong token on an admin route', '/api/admin/audit', 'unknown', '198.51.100.12'],
    ['an expired token', '/api/agent/tickets', 'expired', '198.51.100.13'],
    ['an expired token on an admin route', '/api/admin/entries', 'expired', '198.51.100.14'],
    ['a revoked token', '/api/agent/me', 'revoked', '198.51.100.15'],
    ['a revoked token on an admin route', '/api/admin/suggestions', 'revoked', '198.51.100.16'],
  ])('records %s (%s) with the reason and address, never the token', async (_what, path, reason, address) => {
    let token = `wrong-${address}-${'z'.repeat(30)}`;
    let agentId: number | undefined;
    if (reason !== 'unknown') {
      const created = await server.app.agents.create({ name: `Tok ${address}`, role: 'admin' });
      token = created.token;
      agentId = created.agent.id;
      if (reason === 'revoked') await server.app.agents.revoke(String(agentId));
      else
        await server.app.db
          .updateTable('agents')
          .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
          .where('id', '=', agentId)
          .execute();
    }
    expect((await call(path, token, address)).status).toBe(401);
    const event = (await failures()).find((e) => e.address === address);
    expect(event).toMatchObject({ action: 'auth.sign-in-failed', detail: { reason } });
    if (agentId !== undefined) expect(event?.target).toEqual({ type: 'agent', id: String(agentId) });
    expect(await everything()).not.toContain(token);
  });

  it('keeps a flood of wrong tokens to a handful of rows', async () => {
    const before = (await failures()).length;
    // One address hammering: one row per window.
    for (let i = 0; i < 60; i += 1)
      expect((await call('/api/agent/tickets', `guess-${i}-${'q'.repeat(30)}`, '192.0.2.77')).status).toBe(401);
    expect((await failures()).length).toBe(before + 1);
    // Many addresses: at most the per-minute cap in all.
    for (let i = 0; i < 80; i += 1)
      expect((await call('/api/agent/me', `spray-${i}-${'q'.repeat(30)}`, `10.9.${i}.1`)).status).toBe(401);
    expect((await failures()).length).toBeLessThanOrEqual(before + MAX_FAILED_SIGN_IN_RECORDS_PER_MINUTE);
  });

  it('records the queue listing once per agent and window, with the address', async () => {
    const { agent, token } = await server.app.agents.create({ name: 'Quinn' });
    for (let i = 0; i < 3; i += 1)
      expect((await call('/api/agent/tickets?status=open', token, '198.51.100.40')).status).toBe(200);
    const listings = (await server.app.audit.list({ action: 'ticket.list', limit: 10 })).events.filter(
      (e) => e.actor.kind === 'agent' && e.actor.agentId === agent.id,
    );
    expect(listings).toHaveLength(1);
    expect(listings[0]?.address).toBe('198.51.100.40');
  });
});
