import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { testDatabaseUrl } from '../helpers/test-config.ts';

const HOOK_ORIGIN = 'https://hooks.example.test';
const HOOK_PATH = '/answerdesk';

onlyNockedOutsideServers();

interface ListedNotification {
  id: number;
  ticketReference: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/**
 * Agent webhook notifications that used up their attempts, delivered again by an admin: the real
 * app on a real SQLite file with its webhook worker running, nock standing in for the agents' webhook.
 */
describe('redelivering failed agent notifications', () => {
  let server: RunningApp;
  let adminToken: string;
  let agentToken: string;
  let tickets = 0;

  beforeAll(async () => {
    server = await startApp({
      AGENT_WEBHOOK_URL: `${HOOK_ORIGIN}${HOOK_PATH}`,
      WEBHOOK_MAX_ATTEMPTS: '2',
      WEBHOOK_BACKOFF_BASE_MS: '10',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    ({ token: adminToken } = await server.app.agents.create({ name: 'Ada Admin', role: 'admin' }));
    ({ token: agentToken } = await server.app.agents.create({ name: 'Al Agent', role: 'agent' }));
  });
  afterAll(async () => {
    await server.stop();
  });

  async function api(
    method: string,
    route: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${server.url}/api/agent${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function notification(reference: string): Promise<ListedNotification | undefined> {
    const listed = (await api('GET', '/notifications', adminToken)).body.notifications as ListedNotification[];
    return listed.find((n) => n.ticketReference === reference);
  }

  /** A new ticket whose notification the webhook refuses on both attempts; resolves once it is failed. */
  async function failedTicket(): Promise<{ reference: string; id: number }> {
    tickets += 1;
    const conversationId = `conv-outage-${tickets}`;
    const hook = nock(HOOK_ORIGIN).post(HOOK_PATH).times(2).reply(503, 'agents chat is down');
    const { customerId } = await seedConversation(server.app.db, { conversationId, messages: ['my order never came'] });
    const { ticket } = await server.app.tickets.escalate({
      conversationId,
      customerId,
      reason: 'requested',
      priority: 'high',
      subject: 'my order never came',
    });
    await expect.poll(async () => (await notification(ticket.reference))?.status, { timeout: 10_000 }).toBe('failed');
    expect(hook.isDone()).toBe(true);
    const failed = (await api('GET', '/notifications?status=failed', adminToken)).body
      .notifications as ListedNotification[];
    const row = failed.find((n) => n.ticketReference === ticket.reference);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastError: 'HTTP 503: agents chat is down' });
    return { reference: ticket.reference, id: row?.id ?? 0 };
  }

  it('delivers a failed notification again when an admin asks through the API; agents may not', async () => {
    const { reference, id } = await failedTicket();
    const refused = await api('POST', '/notifications/redeliver', agentToken, { ids: [id] });
    expect(refused.status).toBe(403);
    expect((await notification(reference))?.status).toBe('failed');

    const bad = await api('POST', '/notifications/redeliver', adminToken, { status: 'delivered' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/only \\"failed\\"/);

    const delivered = nock(HOOK_ORIGIN).post(HOOK_PATH).reply(200, { ok: true });
    const res = await api('POST', '/notifications/redeliver', adminToken, { ids: [id] });
    expect(res).toEqual({ status: 200, body: { redelivering: 1, ids: [id] } });
    await expect.poll(async () => (await notification(reference))?.status, { timeout: 10_000 }).toBe('delivered');
    expect(delivered.isDone()).toBe(true);
    expect(await notification(reference)).toMatchObject({ attempts: 1, lastError: null });
    // Already delivered: asking again changes nothing and sends nothing.
    expect((await api('POST', '/notifications/redeliver', adminToken, { ids: [id] })).body).toEqual({
      redelivering: 0,
      ids: [],
    });
  });

  it('lists failed notifications and delivers them again from the CLI (answerdesk notifications)', async () => {
    const { reference, id } = await failedTicket();
    const env = { DATABASE_URL: testDatabaseUrl(server.dir), LOG_LEVEL: 'silent' };
    const listed = await runCli(['notifications', 'list', '--status', 'failed'], env);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^${id}\\s+${reference}\\s+ticket\\.created\\s+failed\\s+2\\s.*HTTP 503: agents chat is down$`, 'm'),
    );

    const wrong = await runCli(['notifications', 'redeliver', 'abc'], env);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/"abc" is not a notification id/);

    const delivered = nock(HOOK_ORIGIN).post(HOOK_PATH).reply(204);
    const redeliver = await runCli(['notifications', 'redeliver', '--all-failed'], env);
    expect(redeliver.stderr).toBe('');
    expect(redeliver.status).toBe(0);
    expect(redeliver.stdout).toMatch(new RegExp(`Requeued 1 notification \\(${id}\\)`));
    // The running server's worker finds it at its next poll.
    await expect.poll(async () => (await notification(reference))?.status, { timeout: 10_000 }).toBe('delivered');
    expect(delivered.isDone()).toBe(true);
  });

  it('explains the redeliver command in --help', async () => {
    const help = await runCli(['notifications', 'redeliver', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--all-failed/);
    expect(help.stdout).toMatch(/--since <iso-time>/);
  });
});
