import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentService } from '../../src/agents/agent.service.ts';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { testDatabaseUrl } from '../helpers/test-config.ts';

/**
 * Token expiry, rotation and revocation against a running server. The changes are made through a
 * second database handle on the same SQLite file, as `answerdesk agent …` in another process does,
 * so the server can only see them by reading the database on each request.
 */
describe('agent tokens: expiry, rotation, revocation', () => {
  let server: RunningApp;
  let otherProcess: { db: Db; agents: AgentService };

  beforeAll(async () => {
    server = await startApp();
    const db = await openDatabase(testDatabaseUrl(server.dir).replace(/^file:/, ''));
    otherProcess = { db, agents: createCrmServices(db).agents };
  });
  afterAll(async () => {
    await otherProcess.db.destroy();
    await server.stop();
  });

  async function me(token: string): Promise<{ status: number; code?: string; message?: string }> {
    const res = await fetch(`${server.url}/api/agent/me`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { error?: { code: string; message: string } };
    return { status: res.status, code: body.error?.code, message: body.error?.message };
  }

  it.each([
    ['/api/agent/me', 'GET'],
    ['/api/agent/tickets', 'GET'],
    ['/api/admin/suggestions', 'GET'],
    ['/api/admin/audit', 'GET'],
    ['/api/admin/conversations/x', 'GET'],
    ['/api/admin/entries', 'GET'],
  ])('refuses %s at once after another process revokes the token', async (url, method) => {
    const { agent, token } = await otherProcess.agents.create({ name: 'Rae', role: 'admin' });
    const ask = () => fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}` } });
    expect((await ask()).status).not.toBe(401);
    await otherProcess.agents.revoke(String(agent.id));
    const refused = await ask();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('token_revoked');
  });

  it('refuses an expired token with its own code and message, and accepts one that has not expired', async () => {
    const { agent, token } = await otherProcess.agents.create({ name: 'Eve', expiresInMs: 60_000 });
    expect(agent.expiresAt).not.toBeNull();
    expect((await me(token)).status).toBe(200);
    // Time passing, as seen by the server: the stored expiry is now in the past.
    const past = new Date(Date.now() - 1000).toISOString();
    await otherProcess.db.updateTable('agents').set({ expires_at: past }).where('id', '=', agent.id).execute();
    expect(await me(token)).toEqual({
      status: 401,
      code: 'token_expired',
      message: `This token expired on ${past}. Ask an admin for a new one (\`answerdesk agent rotate\`), then sign in again.`,
    });
  });

  it('tells the signed-in agent when their token expires (null when never), as stored', async () => {
    const never = await otherProcess.agents.create({ name: 'Nia' });
    const soon = await otherProcess.agents.create({ name: 'Sol', expiresInMs: 3 * 3_600_000 });
    const expiresAt = async (token: string) => {
      const res = await fetch(`${server.url}/api/agent/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { expiresAt: unknown }).expiresAt;
    };
    expect(await expiresAt(never.token)).toBeNull();
    expect(await expiresAt(soon.token)).toBe(soon.agent.expiresAt);
    // A rotation in another process is seen on the next request.
    const rotated = await otherProcess.agents.rotate(String(soon.agent.id), 20 * 3_600_000);
    expect(await expiresAt(rotated.token)).toBe(rotated.agent.expiresAt);
  });

  it('rotates: the new token works, the old one is unknown at once, and a rotation renews the expiry', async () => {
    const { agent, token: old } = await otherProcess.agents.create({ name: 'Rob', email: 'rob@example.com' });
    expect(agent.expiresAt).toBeNull();
    expect((await me(old)).status).toBe(200);
    const rotated = await otherProcess.agents.rotate('ROB@example.com', 3_600_000);
    expect(rotated.token).not.toBe(old);
    expect(Date.parse(rotated.agent.expiresAt ?? '')).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await me(old)).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((await me(rotated.token)).status).toBe(200);
    await otherProcess.agents.revoke(String(agent.id));
    await expect(otherProcess.agents.rotate(String(agent.id), null)).rejects.toThrow(
      /was revoked on .*create a new agent/,
    );
  });

  it('tells an unknown token from a revoked or expired one without naming any agent', async () => {
    const unknown = await me('x'.repeat(43));
    expect(unknown).toEqual({
      status: 401,
      code: 'unauthorized',
      message: 'The token is not valid or has been revoked.',
    });
    const { agent, token } = await otherProcess.agents.create({ name: 'Secret Name', email: 'secret@example.com' });
    await otherProcess.agents.revoke(String(agent.id));
    const revoked = await me(token);
    expect(revoked.code).toBe('token_revoked');
    expect(JSON.stringify(revoked)).not.toMatch(/Secret|secret@/);
  });
});
