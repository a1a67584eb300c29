import type { Logger } from '../logging/logger.ts';
import type { NotificationRepository } from './notification.repository.ts';
import type { Notification } from './notification.ts';
import { retryDelayMs } from './retry-backoff.ts';
import { webhookBody } from './webhook-body.ts';
import type { WebhookConfig } from './webhook-config.ts';

/** The timer functions the worker uses; tests pass fakes. */
export interface WorkerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WebhookWorkerOptions {
  readonly webhook: WebhookConfig;
  /** Base URL for ticket links; empty = no links. */
  readonly publicUrl: string;
  readonly logger: Logger;
  readonly clock?: () => Date;
  readonly timers?: WorkerTimers;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  /** Notifications claimed per database round trip. */
  readonly batchSize?: number;
}

/** What one `drainOnce` did. */
export interface DrainSummary {
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

type Attempt = { readonly ok: true } | { readonly ok: false; readonly error: string };

const REAL_TIMERS: WorkerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
/** Longest error text kept in `last_error`. */
const MAX_ERROR_LENGTH = 500;
/** A claim outlives the request's timeout by this much, so no other worker takes it mid-delivery. */
const LEASE_MARGIN_MS = 60_000;
/** Bounds one drain, so a flood of work still yields to `stop()`. */
const MAX_BATCHES_PER_DRAIN = 50;

/**
 * Delivers the notification outbox to `AGENT_WEBHOOK_URL`: one POST per notification with an
 * `Idempotency-Key` that is the same on every attempt, a timeout, and retries with exponential
 * backoff and jitter; after `maxAttempts` the notification is `failed` (visible to admins).
 *
 * Delivery is at least once: the outbox lives in the database, so pending notifications survive
 * a restart and any server on the database may deliver them. Nothing here runs on the customer's
 * turn: the turn only writes the outbox row and calls `notify()`, which schedules and returns.
 *
 * Without a webhook URL the worker does nothing and says so once: notifications stay `pending`
 * (listed by `GET /api/agent/notifications?status=pending`) and are delivered if a URL is
 * configured later.
 */
export class WebhookWorker {
  private readonly clock: () => Date;
  private readonly timers: WorkerTimers;
  private readonly random: () => number;
  private readonly fetch: typeof fetch;
  private readonly batchSize: number;
  private running = false;
  private timer: unknown;
  private current: Promise<void> | undefined;
  private wakeRequested = false;

  constructor(
    private readonly outbox: NotificationRepository,
    private readonly options: WebhookWorkerOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.timers = options.timers ?? REAL_TIMERS;
    this.random = options.random ?? Math.random;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.batchSize = options.batchSize ?? 20;
  }

  /** True when a webhook URL is configured. */
  get enabled(): boolean {
    return this.options.webhook.url !== '';
  }

  /** Starts delivering in the background: at once, then whenever work is due or `notify()` is called. */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.enabled) {
      this.options.logger.info(
        'agent webhooks are off (AGENT_WEBHOOK_URL is not set): new-ticket notifications stay pending in the outbox, see GET /api/agent/notifications',
      );
      return;
    }
    this.options.logger.info(
      { host: new URL(this.options.webhook.url).host, format: this.options.webhook.format },
      'agent webhooks on',
    );
    this.schedule(0);
  }

  /** Something was queued: deliver soon. Never throws, never waits. */
  notify(): void {
    if (!this.running || !this.enabled) return;
    if (this.current !== undefined) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops scheduling and waits for a delivery in progress (bounded by the webhook timeout). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /**
   * Delivers every notification that is due now, once each, and returns what happened. The loop
   * calls this; tests call it directly.
   */
  async drainOnce(): Promise<DrainSummary> {
    const summary = { delivered: 0, retrying: 0, failed: 0 };
    if (!this.enabled) return summary;
    for (let batch = 0; batch < MAX_BATCHES_PER_DRAIN; batch += 1) {
      const now = this.clock();
      const lease = new Date(now.getTime() + this.options.webhook.timeoutMs + LEASE_MARGIN_MS);
      const claimed = await this.outbox.claimDue(now.toISOString(), lease.toISOString(), this.batchSize);
      for (const notification of claimed) summary[await this.deliver(notification)] += 1;
      if (claimed.length < this.batchSize) break;
    }
    return summary;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.current = this.tick().finally(() => {
        this.current = undefined;
      });
    }, ms);
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    try {
      await this.drainOnce();
    } catch (error) {
      this.options.logger.error({ err: error }, 'webhook delivery pass failed; retrying at the next poll');
    }
    if (!this.running) return;
    if (this.wakeRequested) {
      this.wakeRequested = false;
      this.schedule(0);
      return;
    }
    let delay = this.options.webhook.pollIntervalMs;
    try {
      const due = await this.outbox.nextDueAt();
      if (due !== undefined) delay = Math.min(delay, Math.max(0, Date.parse(due) - this.clock().getTime()));
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not read the outbox; polling again later');
    }
    if (this.running) this.schedule(delay);
  }

  private async deliver(notification: Notification): Promise<keyof DrainSummary> {
    const attempts = notification.attempts + 1;
    const result = await this.post(notification);
    const log = { notification: notification.id, ticket: notification.payload.ticket.reference, attempt: attempts };
    if (result.ok) {
      await this.outbox.markDelivered(notification.id, attempts, this.clock().toISOString());
      this.options.logger.info(log, 'agent notification delivered');
      return 'delivered';
    }
    if (attempts >= this.options.webhook.maxAttempts) {
      await this.outbox.markFailed(notification.id, attempts, result.error);
      this.options.logger.error(
        { ...log, error: result.error },
        'agent notification failed for good; see GET /api/agent/notifications?status=failed',
      );
      return 'failed';
    }
    const delay = retryDelayMs(attempts, this.options.webhook.backoffBaseMs, this.random);
    const next = new Date(this.clock().getTime() + delay).toISOString();
    await this.outbox.markRetry(notification.id, attempts, next, result.error);
    this.options.logger.warn(
      { ...log, error: result.error, retryInMs: delay },
      'agent notification not delivered; will retry',
    );
    return 'retrying';
  }

  private async post(notification: Notification): Promise<Attempt> {
    const { url, format, timeoutMs } = this.options.webhook;
    // A real-time timeout even when tests fake the scheduling timers, so a hung request cannot hang a test.
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await this.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'Idempotency-Key': notification.idempotencyKey,
          'user-agent': 'answerdesk-webhook/1',
        },
        body: JSON.stringify(webhookBody(notification.payload, format, this.options.publicUrl)),
        signal,
        redirect: 'error',
      });
      const text = await response.text();
      if (response.ok) return { ok: true };
      return { ok: false, error: truncate(`HTTP ${response.status}${text === '' ? '' : `: ${text}`}`) };
    } catch (error) {
      if (signal.aborted) return { ok: false, error: `timed out after ${timeoutMs} ms` };
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      return { ok: false, error: truncate(`${error instanceof Error ? error.message : String(error)}${cause}`) };
    }
  }
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
