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
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+EMAIL\s+ROLE\s+CREATED\s+REVOKED\s+EXPIRES$/);
    expect(listed.stdout).toMatch(/Casey Admin\s+casey@example\.com\s+admin/);
    expect(listed.stdout).not.toContain(token);
    expect(listed.stdout).not.toContain(hashAgentToken(token));

    const revoked = await runCli(['agent', 'revoke', 'casey@example.com'], env);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toMatch(/^Revoked agent \d+ \(Casey Admin\): their token no longer works\.\n$/);
    const refused = await me(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'token_revoked' } });
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

  it('creates tokens that expire in 90 days unless told, rotates them, and audits both', async () => {
    const created = await runCli(['agent', 'create', '--name', 'Kim', '--email', 'kim@example.com'], env);
    expect(created.status).toBe(0);
    const first = /Token \(shown only once; store it now\): (\S+)/.exec(created.stdout)?.[1] ?? '';
    const expires = Date.parse(/It expires at (\S+) /.exec(created.stdout)?.[1] ?? '');
    expect(Math.abs(expires - (Date.now() + 90 * 86_400_000))).toBeLessThan(120_000);
    expect((await me(first)).status).toBe(200);

    const rotated = await runCli(['agent', 'rotate', 'KIM@example.com', '--expires-in', 'never'], env);
    expect(rotated.stderr).toBe('');
    expect(rotated.stdout).toMatch(/^Rotated the token of agent \d+ \(Kim\): the old token no longer works\.$/m);
    expect(rotated.stdout).toContain('It never expires');
    const second = /New token \(shown only once; store it now\): (\S+)/.exec(rotated.stdout)?.[1] ?? '';
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);

    // `--db` reads the named file whatever DATABASE_URL says.
    const audit = await runCli(
      [
        'audit',
        '--action',
        'agent.*',
        '--json',
        '--db',
        (env.DATABASE_URL?.startsWith('file:') ? env.DATABASE_URL.slice(5) : env.DATABASE_URL) ?? '',
      ],
      {
        ...env,
        DATABASE_URL: 'file:/nonexistent/elsewhere.sqlite',
      },
    );
    expect(audit.stderr).toBe('');
    const events = (JSON.parse(audit.stdout) as { events: Array<{ action: string; actor: { kind: string } }> }).events;
    expect(events.slice(0, 2).map((e) => [e.action, e.actor.kind])).toEqual([
      ['agent.rotate', 'cli'],
      ['agent.create', 'cli'],
    ]);
    const table = await runCli(['audit', '--since', '1h', '--actor', 'cli'], env);
    expect(table.stdout.split('\n')[0]).toMatch(/^AT\s+ACTOR\s+ACTION\s+TARGET\s+ADDRESS\s+DETAIL$/);
    expect(table.stdout).toMatch(/agent\.rotate\s+agent \d+\s+-\s+\{"expiresAt":null\}/);
  }, 120_000);

  it.each([
    ['a bad --expires-in', ['agent', 'create', '--name', 'X', '--expires-in', '3 weeks'], /--expires-in must be/],
    ['rotating nobody', ['agent', 'rotate', 'nobody@example.com'], /no agent with id or email "nobody@example.com"/],
    ['a bad --since', ['audit', '--since', 'last tuesday'], /--since: must be an ISO 8601 date/],
    ['a bad --action', ['audit', '--action', 'DROP TABLE'], /--action: must be an action like ticket\.read/],
    ['an unknown --actor email', ['audit', '--actor', 'ghost@example.com'], /--actor: no agent has the email/],
  ])('fails with a clear message for %s', async (_name, args, message) => {
    const result = await runCli(args, env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
  });

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
