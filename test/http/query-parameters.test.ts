import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

/**
 * The agent and admin APIs read their query parameters one way (`src/http/query-input.ts`): a
 * parameter given twice is refused, a blank one is absent, a bad value is named with at
 * most 40 characters of what was sent, always a 400, never a 500.
 */
describe('query parameters of the agent and admin APIs', () => {
  let server: RunningApp;
  let admin: string;
  beforeAll(async () => {
    server = await startApp();
    admin = (await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' })).token;
  });
  afterAll(async () => {
    await server.stop();
  });

  async function get(pathAndQuery: string): Promise<{ status: number; message: string | undefined }> {
    const res = await fetch(`${server.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${admin}` } });
    const body = (await res.json()) as { error?: { message?: string } };
    return { status: res.status, message: body.error?.message };
  }

  const PERIOD = 'from=2026-11-02&to=2026-11-05';
  const LONG = `9${'x'.repeat(500)}`;

  it.each([
    ['/api/agent/tickets?limit=5&limit=6', 'limit: give it once, as a plain value'],
    ['/api/agent/tickets?status=open&status=closed', 'status: give it once, as a plain value'],
    ['/api/admin/customers?offset=1&offset=2', 'offset: give it once, as a plain value'],
    [`/api/admin/reports/summary?${PERIOD}&interval=day&interval=week`, 'interval: give it once, as a plain value'],
    [
      `/api/admin/reports/summary?from=2026-11-02&from=2026-11-03&to=2026-11-05`,
      'from: give it once, as a plain value',
    ],
    ['/api/admin/entries?from=2026-11-02&from=2026-11-03', 'from: give it once, as a plain value'],
  ])('%s: 400, the repeated or nested parameter named', async (url, message) => {
    expect(await get(url)).toEqual({ status: 400, message });
  });

  it.each([
    ['/api/agent/tickets?limit=', 200],
    ['/api/agent/tickets?limit=%20%20', 200],
    ['/api/admin/customers?limit=&health=', 200],
    ['/api/admin/entries?from=', 200],
    [`/api/admin/reports/summary?${PERIOD}&interval=%20`, 200],
  ])('%s: a blank parameter is as if absent', async (url, status) => {
    expect((await get(url)).status).toBe(status);
  });

  it.each([
    ['/api/agent/tickets?limit=', 'limit: must be a whole number from 1 to 100'],
    ['/api/agent/tickets?status=', 'status: "'],
    ['/api/agent/tickets?assignee=', 'assignee: must be "me", "none" or an agent id'],
    ['/api/admin/customers?limit=', 'limit: must be a whole number from 1 to 500'],
  ])('%s<501 characters>: the message names the parameter and quotes at most 40 characters', async (url, start) => {
    const { status, message } = await get(`${url}${LONG}`);
    expect(status).toBe(400);
    expect(message?.startsWith(start)).toBe(true);
    expect(message).toContain(LONG.slice(0, 40));
    expect(message).not.toContain(LONG.slice(0, 41));
  });
});
