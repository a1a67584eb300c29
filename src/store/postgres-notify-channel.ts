import pg from 'pg';
import type { Logger } from '../logging/logger.ts';

/** PostgreSQL drops a NOTIFY payload of 8,000 bytes or more; ours are ids, far below. */
const MAX_PAYLOAD_BYTES = 7_900;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/** What the channel does with what it hears. */
export interface NotifyChannelHandlers {
  /** A payload another process (or this one) published on the channel. */
  readonly onMessage: (payload: string) => void;
  /**
   * The listening connection came back after a break. Notifications sent meanwhile are lost
   * (PostgreSQL does not replay them), so the listener must catch up from the tables.
   */
  readonly onReconnect: () => void;
}

/**
 * One PostgreSQL `LISTEN` channel on a dedicated connection (not a pooled one: a pooled
 * connection is lent to other queries and returned, and a LISTEN lives as long as its
 * connection). Publishing goes over the same connection, outside any transaction, so a
 * notification is sent when {@link publish} is called, which callers do after their commit.
 *
 * A broken connection is reopened with backoff; `onReconnect` then tells the owner to catch up.
 * Publishing while disconnected is dropped (and logged at debug): the listeners' periodic check
 * and the catch-up after their own reconnect bring what was missed.
 */
export class PostgresNotifyChannel {
  #client: pg.Client | undefined;
  #connected = false;
  #closed = false;
  #retryMs = FIRST_RETRY_MS;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: NotifyChannelHandlers,
    private readonly logger: Logger,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid PostgreSQL channel name "${channel}"`);
  }

  /** Connects and starts listening; rejects when the first connection fails (a startup error). */
  async start(): Promise<void> {
    await this.#connect();
  }

  /** True while the listening connection is up (for tests and health). */
  get listening(): boolean {
    return this.#connected;
  }

  /** Sends `payload` to every process listening on the channel, this one included. Never throws. */
  publish(payload: string): void {
    const client = this.#client;
    if (!this.#connected || client === undefined) {
      this.logger.debug({ channel: this.channel }, 'notification not sent: the listening connection is down');
      return;
    }
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      this.logger.warn({ channel: this.channel, bytes: Buffer.byteLength(payload) }, 'notification payload too long');
      return;
    }
    client.query('select pg_notify($1, $2)', [this.channel, payload]).catch((err: unknown) => {
      this.logger.debug({ err, channel: this.channel }, 'notification not sent');
    });
  }

  /** Stops listening and closes the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = undefined;
    this.#connected = false;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== undefined) this.handlers.onMessage(message.payload);
    });
    // Without an error listener a dropped connection would end the process.
    client.on('error', (err) => {
      this.logger.warn({ err, channel: this.channel }, 'PostgreSQL notification connection failed');
      this.#lost(client);
    });
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (error) {
      // Connected but not listening (or half connected): nothing else would close this client.
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
    this.#connected = true;
    this.#retryMs = FIRST_RETRY_MS;
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#connected = false;
    client.end().catch(() => undefined);
    if (!this.#closed) this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#connect().then(
        () => {
          if (this.#connected) {
            this.logger.info({ channel: this.channel }, 'PostgreSQL notifications listening again');
            this.handlers.onReconnect();
          }
        },
        (err: unknown) => {
          this.logger.warn(
            { err, channel: this.channel, retryMs: this.#retryMs },
            'PostgreSQL notifications: reconnect failed',
          );
          this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
          this.#scheduleReconnect();
        },
      );
    }, this.#retryMs);
    this.#retryTimer.unref();
  }
}
