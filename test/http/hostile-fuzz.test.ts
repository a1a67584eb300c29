import fc from 'fast-check';
// Loaded on purpose: other files of the same worker load nock, whose interceptor patches node's
// http client; the fuzz must send its requests the same with or without it.
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from '../helpers/directline.ts';
import {
  type FuzzSecrets,
  hostileRequests,
  hostileUpgradeTargets,
  problemsWith,
  type RouteTemplate,
  registeredRoutes,
  send,
  sendUpgrade,
} from '../helpers/hostile-requests.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

/** The bound for any answer. */
const MAX_ANSWER_MS = 2_000;
/** Kept small for `npm test`; `npm run bench fuzz` runs many more (bench/fuzz.bench.ts). */
const HTTP_RUNS = 250;
const UPGRADE_RUNS = 60;

describe('the HTTP edge under generated hostile requests', () => {
  let server: RunningApp;
  let routes: RouteTemplate[];
  let secrets: FuzzSecrets;
  beforeAll(async () => {
    // Outbound replies can only go to loopback, and a dead one fails at once.
    server = await startApp();
    routes = registeredRoutes(server.server);
    const conversation = await startConversation(server.url);
    const agent = await server.app.agents.create({ name: 'Fuzz', role: 'admin' });
    secrets = {
      directLineToken: conversation.token,
      conversationId: conversation.conversationId,
      agentToken: agent.token,
    };
  });
  afterAll(async () => {
    await server.stop();
  });

  it('finds the routes on the router stack, mounted sub-routers included', () => {
    const paths = routes.map((r) => `${r.methods.join(',')} ${r.path}`);
    expect(paths).toContain('POST /api/messages');
    expect(paths).toContain('GET /api/agent/tickets/:ref');
    expect(paths).toContain('POST /v3/directline/conversations/:conversationId/activities');
  });

  it('answers methods no client library sends (the `_ALL` of a router.all route) with 400, nock loaded or not', async () => {
    nock('http://outside.example').get('/').reply(200);
    try {
      for (const method of ['_ALL', 'BREW', 'GET']) {
        const observed = await send(server.url, {
          method,
          target: '/api/admin/audit',
          headers: {},
          body: Buffer.from([31, 139, 8, 0]),
        });
        expect(observed.status, method).toBe(method === 'GET' ? 401 : 400);
      }
    } finally {
      nock.cleanAll();
    }
  });

  it('never answers 5xx, slowly, or with a stack trace or a path, and keeps serving', {
    timeout: 120_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(hostileRequests(routes, secrets), async (request) => {
        expect(problemsWith(await send(server.url, request), MAX_ANSWER_MS)).toEqual([]);
      }),
      { numRuns: HTTP_RUNS },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers every WebSocket upgrade with a status, never a crash', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(hostileUpgradeTargets(secrets), async (target) => {
        const observed = await sendUpgrade(server.url, target);
        expect(problemsWith(observed, MAX_ANSWER_MS)).toEqual([]);
        expect(observed.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: UPGRADE_RUNS },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
