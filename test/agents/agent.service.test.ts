import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentService } from '../../src/agents/agent.service.ts';
import { AgentNotFoundError } from '../../src/agents/agent-not-found.error.ts';
import { hashAgentToken, tokenHashesEqual } from '../../src/agents/agent-token.ts';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { freshDatabase } from '../helpers/test-database.ts';

describe('AgentService', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let agents: AgentService;
  beforeEach(async () => {
    ctx = await freshDatabase();
    agents = createCrmServices(ctx.db).agents;
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  it('stores only the SHA-256 of a random 32-byte token', async () => {
    const { agent, token } = await agents.create({ name: ' Dana ', email: 'Dana@Example.com' });
    expect(agent).toMatchObject({ name: 'Dana', email: 'dana@example.com', role: 'agent', revokedAt: null });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const row = await ctx.db.selectFrom('agents').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashAgentToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('authenticates the token of an active agent only', async () => {
    const { agent, token } = await agents.create({ name: 'Dana', email: 'dana@example.com' });
    expect(await agents.authenticate(token)).toEqual(agent);
    expect(await agents.authenticate(`${token}x`)).toBeUndefined();
    expect(await agents.authenticate('')).toBeUndefined();
    expect(await agents.revoke('DANA@example.com')).toMatchObject({
      kind: 'revoked',
      agent: { id: agent.id, revokedAt: expect.any(String) },
    });
    expect(await agents.authenticate(token)).toBeUndefined();
    expect(await agents.revoke(String(agent.id))).toMatchObject({ kind: 'already_revoked' });
  });

  it('refuses a second active agent with the same email, but allows it after revocation', async () => {
    await agents.create({ name: 'Dana', email: 'dana@example.com' });
    await expect(agents.create({ name: 'Dana 2', email: 'DANA@example.com' })).rejects.toThrow(
      /email: an active agent already has dana@example.com/,
    );
    await agents.revoke('dana@example.com');
    await expect(agents.create({ name: 'Dana 2', email: 'dana@example.com' })).resolves.toMatchObject({
      agent: { name: 'Dana 2' },
    });
  });

  it('reports every bad field at once', async () => {
    await expect(agents.create({ name: '  ', email: 'nope' })).rejects.toMatchObject({
      problems: ['name: must not be empty', 'email: "nope" is not a valid email address'],
    });
  });

  it('throws AgentNotFoundError when revoking nobody', async () => {
    await expect(agents.revoke('42')).rejects.toBeInstanceOf(AgentNotFoundError);
    await expect(agents.revoke('ghost@example.com')).rejects.toBeInstanceOf(AgentNotFoundError);
  });

  it('compares token hashes by value', () => {
    expect(tokenHashesEqual(hashAgentToken('a'), hashAgentToken('a'))).toBe(true);
    expect(tokenHashesEqual(hashAgentToken('a'), hashAgentToken('b'))).toBe(false);
    expect(tokenHashesEqual('short', hashAgentToken('a'))).toBe(false);
  });
});
