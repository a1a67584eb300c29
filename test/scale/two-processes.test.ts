import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { openDatabase } from '../../src/store/database.ts';
import { startServeProcess } from '../helpers/cli.ts';
import { directLine, openStream, startConversation, type WireActivity } from '../helpers/directline.ts';
import { makeTempDir, testDatabaseUrl } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

/** The bound: an agent's reply through one process reaches a stream held by another within this. */
const CROSS_PROCESS_REPLY_MS = 300;

/**
 * Two `answerdesk serve` processes on one PostgreSQL database, as behind a load balancer: the
 * widget's conversation (token, posts, WebSocket stream) lives on process A, the agent claims the
 * ticket and replies through process B, and the reply reaches A's stream at once (LISTEN/NOTIFY),
 * not at A's next periodic check (30 s).
 */
describe.skipIf(!ON_POSTGRES)('two server processes on one PostgreSQL database', () => {
  const temp = makeTempDir();
  const databaseUrl = ON_POSTGRES ? testDatabaseUrl(temp.dir) : '';
  const children: ChildProcess[] = [];
  let a: string;
  let b: string;
  let agentToken: string;

  beforeAll(async () => {
    // Migrate and create the agent first, as an operator would with `answerdesk agent create`.
    const db = await openDatabase(databaseUrl);
    try {
      ({ token: agentToken } = await createCrmServices(db).agents.create({
        name: 'Jane Agent',
        email: 'jane@example.com',
        role: 'agent',
      }));
    } finally {
      await db.destroy();
    }
    const env = { DATABASE_URL: databaseUrl, HANDOFF_TIMEOUT_SECONDS: '3600', LOG_LEVEL: 'info' };
    // One after the other: two cold starts at once on a 2-core machine can pass the helper's start timeout.
    const processA = await startServeProcess(env);
    children.push(processA.child);
    const processB = await startServeProcess(env);
    children.push(processB.child);
    a = processA.url;
    b = processB.url;
  }, 90_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : undefined)),
    );
    temp.cleanup();
  });

  async function agent(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${b}/api/agent${path}`, {
      method,
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("delivers the agent's claim and reply from process B into the customer's stream on process A within 300 ms", async () => {
    const customer = await startConversation(a, { id: 'two-process-customer', name: 'Casey' });
    const stream = await openStream(customer.streamUrl);
    try {
      const say = async (text: string): Promise<void> => {
        const res = await directLine(
          a,
          'POST',
          `/conversations/${customer.conversationId}/activities`,
          customer.token,
          {
            type: 'message',
            from: { id: 'two-process-customer' },
            text,
          },
        );
        expect(res.status).toBe(200);
      };
      for (const text of ['talk to a human', 'skip', 'skip']) await say(text);

      // Process B sees the ticket process A opened, and claims it.
      const queue = await agent('GET', '/tickets?status=new');
      const tickets = queue.body.tickets as Array<{ reference: string }>;
      expect(tickets).toHaveLength(1);
      const reference = tickets[0]?.reference ?? '';
      const detail = await agent('GET', `/tickets/${reference}`);
      const version = (detail.body.ticket as { version: number }).version;
      const claimedAt = performance.now();
      expect((await agent('PATCH', `/tickets/${reference}`, { version, assignee: 'me' })).status).toBe(200);
      await stream.waitFor((x) =>
        x.some((y) => (y.text ?? '').includes('Jane Agent from our support team has joined')),
      );
      const claimSeenMs = performance.now() - claimedAt;

      // Each reply is timed from the moment the agent sends it to B to its frame on A's stream.
      const delays: number[] = [];
      for (let n = 1; n <= 5; n += 1) {
        const text = `Reply ${n} from process B`;
        const sentAt = performance.now();
        const seen = stream.waitFor((x: WireActivity[]) => x.some((y) => y.text === text), 5_000);
        const res = await agent('POST', `/tickets/${reference}/replies`, { text });
        expect(res.status).toBe(201);
        await seen;
        delays.push(performance.now() - sentAt);
      }
      // The 300 ms holds for the typical reply (median of five: one stalled scheduler tick
      // on a shared CI machine must not fail it); every reply is far below the 30 s periodic check
      // a stream would otherwise wait for, which is what tells NOTIFY worked.
      const sorted = [...delays].sort((x, y) => x - y);
      const summary = `delays ${delays.map((d) => d.toFixed(1)).join(', ')} ms`;
      expect(sorted[2], summary).toBeLessThanOrEqual(CROSS_PROCESS_REPLY_MS);
      expect(Math.max(...delays), summary).toBeLessThan(2_000);
      expect(claimSeenMs).toBeLessThan(5_000);
      // Every reply once, in order, with the agent's name.
      const replies = stream.activities().filter((x) => (x.text ?? '').startsWith('Reply '));
      expect(replies.map((x) => x.text)).toEqual([1, 2, 3, 4, 5].map((n) => `Reply ${n} from process B`));
      expect(replies.every((x) => x.from.name === 'Jane Agent')).toBe(true);
    } finally {
      stream.close();
    }
  }, 60_000);
});
