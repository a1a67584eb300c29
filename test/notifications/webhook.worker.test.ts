import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { NotificationRepository } from '../../src/notifications/notification.repository.ts';
import { NotificationService } from '../../src/notifications/notification.service.ts';
import { WebhookWorker, type WebhookWorkerOptions } from '../../src/notifications/webhook.worker.ts';
import type { WebhookConfig } from '../../src/notifications/webhook-config.ts';
import type { Db } from '../../src/store/database.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { freshDatabase } from '../helpers/test-database.ts';

const HOOK_ORIGIN = 'https://hooks.example.test';
const HOOK_PATH = '/services/answerdesk';
const WEBHOOK: WebhookConfig = {
  url: `${HOOK_ORIGIN}${HOOK_PATH}`,
  format: 'generic',
  timeoutMs: 2_000,
  maxAttempts: 3,
  backoffBaseMs: 1_000,
  pollIntervalMs: 60_000,
};
const silent = pino({ level: 'silent' });

onlyNockedOutsideServers();

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2025, 0, 2, 9, 0, 0)) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('WebhookWorker', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    ctx = await freshDatabase();
    clock = manualClock();
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  function worker(
    overrides: Partial<WebhookConfig> = {},
    options: Partial<WebhookWorkerOptions> = {},
    db: Db = ctx.db,
  ): WebhookWorker {
    return new WebhookWorker(new NotificationRepository(db), {
      webhook: { ...WEBHOOK, ...overrides },
      publicUrl: 'https://support.example.test',
      logger: silent,
      clock: clock.now,
      random: () => 0.5,
      ...options,
    });
  }

  async function escalate(conversationId = 'c1', messages = ['where is my parcel', 'hello??']): Promise<string> {
    const { customerId } = await seedConversation(ctx.db, { conversationId, name: 'Casey', messages });
    const { ticket } = await createCrmServices(ctx.db, { clock: clock.now }).tickets.escalate({
      conversationId,
      customerId,
      reason: 'complaint',
      priority: 'urgent',
      subject: 'where is my parcel',
      category: 'delivery',
    });
    return ticket.reference;
  }

  async function outboxRow() {
    return ctx.db.selectFrom('notifications_outbox').selectAll().executeTakeFirstOrThrow();
  }

  it('delivers a new ticket as generic JSON with an Idempotency-Key and marks it delivered', async () => {
    await escalate();
    let body: unknown;
    const hook = nock(HOOK_ORIGIN)
      .post(HOOK_PATH, (b: unknown) => {
        body = b;
        return true;
      })
      .matchHeader('content-type', 'application/json')
      .matchHeader('idempotency-key', /^answerdesk-T-1001-ticket\.created-\d+$/)
      .reply(200, 'ok');
    expect(await worker().drainOnce()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(hook.isDone()).toBe(true);
    expect(body).toEqual({
      event: 'ticket.created',
      ticket: {
        reference: 'T-1001',
        priority: 'urgent',
        reason: 'complaint',
        subject: 'where is my parcel',
        category: 'delivery',
        status: 'new',
        url: 'https://support.example.test/agent#T-1001',
      },
      customer: { name: 'Casey', email: null },
      recentMessages: [
        { text: 'where is my parcel', at: expect.any(String) },
        { text: 'hello??', at: expect.any(String) },
      ],
      occurredAt: clock.now().toISOString(),
    });
    expect(await outboxRow()).toMatchObject({
      status: 'delivered',
      attempts: 1,
      last_error: null,
      delivered_at: clock.now().toISOString(),
    });
    // Delivered once: a second pass sends nothing.
    expect(await worker().drainOnce()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });

  it('retries after a 500 with backoff, with the same Idempotency-Key, then succeeds', async () => {
    await escalate();
    const keys: string[] = [];
    const capture = function (this: { req: { headers: Record<string, string> } }) {
      keys.push(this.req.headers['idempotency-key'] ?? '');
    };
    nock(HOOK_ORIGIN)
      .post(HOOK_PATH)
      .reply(function () {
        capture.call(this);
        return [500, 'boom'];
      })
      .post(HOOK_PATH)
      .reply(function () {
        capture.call(this);
        return [204];
      });
    const w = worker();
    expect(await w.drainOnce()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const afterFirst = await outboxRow();
    // Base 1000 ms, first retry: 500 fixed + 500 × random(0.5) = 750 ms.
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 500: boom' });
    expect(Date.parse(afterFirst.next_attempt_at) - clock.now().getTime()).toBe(750);

    clock.advance(749);
    expect(await w.drainOnce()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    clock.advance(1);
    expect(await w.drainOnce()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(await outboxRow()).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^answerdesk-T-1001-/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('counts a webhook that does not answer within the timeout as a failed attempt', async () => {
    await escalate();
    nock(HOOK_ORIGIN).post(HOOK_PATH).delay(1_000).reply(200, 'too late');
    expect(await worker({ timeoutMs: 100 }).drainOnce()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(await outboxRow()).toMatchObject({ status: 'pending', attempts: 1, last_error: 'timed out after 100 ms' });
  });

  it('records a connection error and retries', async () => {
    await escalate();
    nock(HOOK_ORIGIN).post(HOOK_PATH).replyWithError('connect ECONNREFUSED');
    expect(await worker().drainOnce()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect((await outboxRow()).last_error).toMatch(/ECONNREFUSED/);
  });

  it('marks a notification failed after the maximum attempts, doubling the delay each time, and lists it', async () => {
    await escalate();
    nock(HOOK_ORIGIN).post(HOOK_PATH).times(3).reply(503, 'unavailable');
    const w = worker();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const summary = await w.drainOnce();
      const row = await outboxRow();
      if (attempt < 3) {
        expect(summary).toEqual({ delivered: 0, retrying: 1, failed: 0 });
        delays.push(Date.parse(row.next_attempt_at) - clock.now().getTime());
        clock.advance(delays[delays.length - 1] ?? 0);
      } else {
        expect(summary).toEqual({ delivered: 0, retrying: 0, failed: 1 });
      }
    }
    expect(delays).toEqual([750, 1_500]);
    expect(await outboxRow()).toMatchObject({ status: 'failed', attempts: 3, last_error: 'HTTP 503: unavailable' });
    clock.advance(3_600_000);
    expect(await w.drainOnce()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    const failed = await new NotificationService(new NotificationRepository(ctx.db)).list('failed', {
      limit: 10,
      offset: 0,
    });
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      payload: { ticket: { reference: 'T-1001' } },
    });
  });

  it('logs a notification that used up its attempts at error level, with the ticket and last error but not the payload', async () => {
    await escalate();
    nock(HOOK_ORIGIN).post(HOOK_PATH).reply(503, 'maintenance');
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    expect(await worker({ maxAttempts: 1 }, { logger }).drainOnce()).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toEqual([expect.objectContaining({ ticket: 'T-1001', error: 'HTTP 503: maintenance', attempt: 1 })]);
    expect(JSON.stringify(lines)).not.toContain('where is my parcel');
  });

  it('delivers notifications left pending before a restart, from a new worker on the reopened database', async () => {
    await escalate('c1');
    await escalate('c2');
    await ctx.db.destroy();
    const reopened = await ctx.reopen();
    const hook = nock(HOOK_ORIGIN).post(HOOK_PATH).times(2).reply(200, 'ok');
    expect(await worker({}, {}, reopened).drainOnce()).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    expect(hook.isDone()).toBe(true);
  });

  it('sends a Slack-compatible { text } with a link and escaped customer text when the format is slack', async () => {
    await escalate('c1', ['<!channel> where is my parcel & why']);
    let body: { text?: string } = {};
    nock(HOOK_ORIGIN)
      .post(HOOK_PATH, (b: { text?: string }) => {
        body = b;
        return true;
      })
      .reply(200, 'ok');
    await worker({ format: 'slack' }).drainOnce();
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toContain(
      '*New ticket <https://support.example.test/agent#T-1001|T-1001>* · priority *urgent* · reason: complaint',
    );
    expect(body.text).toContain('*Customer:* Casey');
    expect(body.text).toContain('> &lt;!channel&gt; where is my parcel &amp; why');
    expect(body.text).not.toContain('<!channel>');
  });

  it('leaves everything pending and sends nothing when no webhook URL is configured', async () => {
    await escalate();
    const w = worker({ url: '' });
    w.start();
    expect(await w.drainOnce()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    await w.stop();
    expect(await outboxRow()).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('when started, delivers what is pending and then what notify() announces, until stopped', async () => {
    await escalate('c1');
    const hook = nock(HOOK_ORIGIN).post(HOOK_PATH).times(2).reply(200, 'ok');
    const w = worker({}, { clock: () => new Date() });
    w.start();
    await vi.waitFor(async () => expect((await outboxRow()).status).toBe('delivered'));
    const { customerId } = await seedConversation(ctx.db, { conversationId: 'c2' });
    await createCrmServices(ctx.db, { onNotification: () => w.notify() }).tickets.escalate({
      conversationId: 'c2',
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'help',
    });
    await vi.waitFor(async () => {
      const rows = await ctx.db.selectFrom('notifications_outbox').select('status').execute();
      expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered']);
    });
    await w.stop();
    expect(hook.isDone()).toBe(true);
  });
});
