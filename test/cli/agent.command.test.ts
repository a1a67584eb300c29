import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAgentToken } from '../../src/agents/agent-token.ts';
import { runCli } from '../helpers/cli.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { testDatabaseUrl } from '../helpers/test-config.ts';

describe('answerdesk agent', () => {
  let server: RunningApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startApp();
    // The CLI works on the running server's database (file or PostgreSQL), as an admin would on the same host.
    env = {
      DATABASE_URL: testDatabaseUrl(server.dir),
      PUBLIC_URL: 'https://support.example.test',
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(async () => {
    await server.stop();
  });

  function me(token: string): Promise<Response> {
    return fetch(`${server.url}/api/agent/me`, { headers: { authorization: `Bearer ${token}` } });
  }

  it('creates an agent, prints a working token once with a curl hint, lists without tokens, and revokes', async () => {
    const created = await runCli(
      ['agent', 'create', '--name', 'Casey Admin', '--email', 'Casey@Example.com', '--role', 'admin'],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const token = /Token \(shown only once; store it now\): (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.stdout).toContain(
      `curl -H "Authorization: Bearer ${token}" https://support.example.test/api/agent/me`,
    );
    expect(created.stdout).toMatch(/^Created agent \d+: Casey Admin <casey@example\.com> \(admin\)$/m);

    const res = await me(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Casey Admin', email: 'casey@example.com', role: 'admin' });

    const listed = await runCli(['agent', 'list'], env);
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+EMAIL\s+ROLE\s+CREATED\s+REVOKED$/);
    expect(listed.stdout).toMatch(/Casey Admin\s+casey@example\.com\s+admin/);
    expect(listed.stdout).not.toContain(token);
    expect(listed.stdout).not.toContain(hashAgentToken(token));

    const revoked = await runCli(['agent', 'revoke', 'casey@example.com'], env);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toMatch(/^Revoked agent \d+ \(Casey Admin\): their token no longer works\.\n$/);
    expect((await me(token)).status).toBe(401);
    expect((await runCli(['agent', 'list'], env)).stdout).toMatch(
      /Casey Admin\s+casey@example\.com\s+admin\s+\S+\s+\d{4}-\d\d-\d\dT/,
    );
  }, 90_000); // four CLI processes, each loading the whole app through tsx

  it('revokes by id', async () => {
    const { agent, token } = await server.app.agents.create({ name: 'By Id' });
    const result = await runCli(['agent', 'revoke', String(agent.id)], env);
    expect(result.status).toBe(0);
    expect((await me(token)).status).toBe(401);
    expect((await runCli(['agent', 'revoke', String(agent.id)], env)).stdout).toMatch(/was already revoked/);
  }, 60_000);

  it.each([
    [
      'an unknown agent',
      ['agent', 'revoke', 'nobody@example.com'],
      /There is no agent with id or email "nobody@example.com"/,
    ],
    [
      'a bad email',
      ['agent', 'create', '--name', 'X', '--email', 'not-an-email'],
      /email: "not-an-email" is not a valid email address/,
    ],
    ['a bad role', ['agent', 'create', '--name', 'X', '--role', 'boss'], /Allowed choices are agent, admin/],
    ['a missing name', ['agent', 'create'], /required option '--name <name>' not specified/],
  ])('fails with a clear message for %s', async (_name, args, message) => {
    const result = await runCli(args, env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });
});
