import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

/** The admin API's export and erase routes: who may call them and what bad input gets. */
describe('admin API: /api/admin/customers/:id/export and /erase', () => {
  let server: RunningApp;
  let admin: string;
  let agent: string;
  let customerId: number;

  beforeAll(async () => {
    server = await startApp();
    ({ token: admin } = await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' }));
    ({ token: agent } = await server.app.agents.create({ name: 'Jo', email: 'jo@example.com', role: 'agent' }));
    ({ customerId } = await seedConversation(server.app.db, { conversationId: 'c-api', name: 'Pat' }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = async (method: 'GET' | 'POST', route: string, token?: string) => {
    const res = await fetch(`${server.url}/api/admin/customers/${route}`, {
      method,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  };

  it.each([
    ['GET', 'export'],
    ['POST', 'erase'],
  ] as const)(
    '%s …/%s: 401 without a token, 403 for an agent, 400 for a bad id, 404 for nobody',
    async (method, action) => {
      expect((await call(method, `${customerId}/${action}`)).status).toBe(401);
      expect((await call(method, `${customerId}/${action}`, agent)).status).toBe(403);
      const bad = await call(method, `not-a-customer/${action}`, admin);
      expect(bad.status).toBe(400);
      expect(bad.body.error?.message).toMatch(/path :id: "not-a-customer" is neither a customer id/);
      const nobody = await call(method, `${encodeURIComponent('ghost@example.com')}/${action}`, admin);
      expect(nobody).toMatchObject({ status: 404, body: { error: { code: 'customer_not_found' } } });
    },
  );

  it('exports as a no-store attachment, then erases', async () => {
    const res = await fetch(`${server.url}/api/admin/customers/${customerId}/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=customer-${customerId}.json`);
    expect(((await res.json()) as { customer: { name: string } }).customer.name).toBe('Pat');
    const erased = await call('POST', `${customerId}/erase`, admin);
    expect(erased).toMatchObject({
      status: 200,
      body: { customerId, counts: { identities: 1, conversations: 1, messages: 1 } },
    });
  });
});
