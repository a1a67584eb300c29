import type { Selectable } from 'kysely';
import type { Db } from '../store/database.ts';
import { isPostgres } from '../store/dialect.ts';
import type { NotificationOutboxTable } from './notification.table.ts';
import type { Notification, NotificationPayload, NotificationStatus, RedeliverySelection } from './notification.ts';

function rowToNotification(row: Selectable<NotificationOutboxTable>): Notification {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    event: row.event,
    payload: JSON.parse(row.payload) as NotificationPayload,
    idempotencyKey: row.idempotency_key,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

/** The only place that reads and writes `notifications_outbox`. */
export class NotificationRepository {
  constructor(private readonly db: Db) {}

  /** Queues a notification, due at once. Call inside the transaction that made the change. */
  async enqueue(ticketId: number, payload: NotificationPayload, idempotencyKey: string, at: string): Promise<number> {
    const row = await this.db
      .insertInto('notifications_outbox')
      .values({
        ticket_id: ticketId,
        event: payload.event,
        payload: JSON.stringify(payload),
        idempotency_key: idempotencyKey,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        delivered_at: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * Claims up to `limit` pending notifications due at `now` by moving their next attempt to
   * `leaseUntil`. Each claim is one conditional UPDATE, so of several workers on one database only
   * one gets a given row; if a worker dies mid-delivery, the row is due again when the lease ends.
   */
  async claimDue(now: string, leaseUntil: string, limit: number): Promise<Notification[]> {
    if (isPostgres(this.db)) return this.#claimDueSkippingLocked(now, leaseUntil, limit);
    const candidates = await this.db
      .selectFrom('notifications_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    const claimed: Notification[] = [];
    for (const { id } of candidates) {
      const row = await this.db
        .updateTable('notifications_outbox')
        .set({ next_attempt_at: leaseUntil })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) claimed.push(rowToNotification(row));
    }
    return claimed;
  }

  /**
   * PostgreSQL: one statement claims the batch; rows another worker is claiming right now are
   * skipped (`FOR UPDATE SKIP LOCKED`) rather than waited for, so workers on several processes
   * neither block each other nor take the same notification.
   */
  async #claimDueSkippingLocked(now: string, leaseUntil: string, limit: number): Promise<Notification[]> {
    const rows = await this.db
      .updateTable('notifications_outbox')
      .set({ next_attempt_at: leaseUntil })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('notifications_outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.id - b.id).map(rowToNotification);
  }

  async markDelivered(id: number, attempts: number, at: string): Promise<void> {
    await this.db
      .updateTable('notifications_outbox')
      .set({ status: 'delivered', attempts, delivered_at: at, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  async markRetry(id: number, attempts: number, nextAttemptAt: string, error: string): Promise<void> {
    await this.db
      .updateTable('notifications_outbox')
      .set({ attempts, next_attempt_at: nextAttemptAt, last_error: error })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: number, attempts: number, error: string): Promise<void> {
    await this.db
      .updateTable('notifications_outbox')
      .set({ status: 'failed', attempts, last_error: error })
      .where('id', '=', id)
      .execute();
  }

  /** When the earliest pending notification is due, if there is one. */
  async nextDueAt(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('notifications_outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('due'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row?.due ?? undefined;
  }

  /** Newest first, optionally of one status, with the total for paging. */
  async list(
    status: NotificationStatus | undefined,
    limit: number,
    offset: number,
  ): Promise<{ items: Notification[]; total: number }> {
    let query = this.db.selectFrom('notifications_outbox');
    if (status !== undefined) query = query.where('status', '=', status);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(rowToNotification), total: Number(count.total) };
  }

  async findById(id: number): Promise<Notification | undefined> {
    const row = await this.db.selectFrom('notifications_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : rowToNotification(row);
  }

  /**
   * Puts `failed` notifications back to `pending`, due at `now`, with their attempts reset (the
   * last error is kept until a new attempt replaces it). Only failed rows change: a pending or
   * delivered id is left alone. Returns the ids that were requeued.
   */
  async requeueFailed(selection: RedeliverySelection, now: string): Promise<number[]> {
    let query = this.db
      .updateTable('notifications_outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now })
      .where('status', '=', 'failed');
    if (selection.kind === 'ids') query = query.where('id', 'in', [...selection.ids]);
    else if (selection.since !== undefined) query = query.where('created_at', '>=', selection.since);
    const rows = await query.returning('id').execute();
    return rows.map((row) => row.id).sort((a, b) => a - b);
  }
}
