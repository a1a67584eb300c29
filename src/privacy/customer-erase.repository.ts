import type { Db } from '../store/database.ts';
import { type CustomerScope, conversationStateKey } from './customer-scope.ts';

/** What an erase removed or anonymised, by table (row counts; never content). */
export interface ErasureCounts {
  readonly identities: number;
  readonly conversations: number;
  readonly messages: number;
  readonly transcriptActivities: number;
  readonly botStates: number;
  readonly tickets: number;
  readonly ticketEvents: number;
  readonly notifications: number;
}

/** What a ticket keeps of an erased customer's text. */
const ERASED_TEXT = '[erased]';

/**
 * The keys of `ticket_events.data` an erased ticket keeps: enums, ids and numbers that the
 * reports count (why and how urgently it was escalated, status and assignee changes, ratings).
 * Everything else (subjects, texts, comments, anything a later version adds) is dropped: an
 * allow-list, so a new free-text key is erased without a change here.
 */
const KEPT_EVENT_KEYS: readonly string[] = [
  'reason',
  'priority',
  'previousPriority',
  'category',
  'from',
  'to',
  'rating',
];

/**
 * Removes or anonymises every row of one customer (run it in a transaction). It keeps what
 * aggregate reports read, without identity: message rows with their kind, match, sentiment and
 * complaint numbers, helpful votes and times (text gone); tickets with their status, priority,
 * reason, category, timings and rating (subject and comment gone); ticket events' types, actors,
 * times and enum data; handoff states; the customer row itself, nameless, so tickets still
 * count one customer. It deletes the identities, the Direct Line transcripts, the bot state, and
 * the conversation references (they name the user). Notification bodies lose the customer, the
 * messages quoted and the subject. The counterpart of `CustomerDataRepository`.
 */
export class CustomerEraseRepository {
  constructor(private readonly db: Db) {}

  async erase(scope: CustomerScope, at: string): Promise<ErasureCounts> {
    const db = this.db;
    const ids = scope.conversations.map((c) => c.id);
    const some = <T>(list: readonly T[]): list is readonly [T, ...T[]] => list.length > 0;
    const identities = await db.deleteFrom('customer_identities').where('customer_id', '=', scope.customerId).execute();
    await db
      .updateTable('customers')
      .set({ name: null, email: null, erased_at: at })
      .where('id', '=', scope.customerId)
      .execute();
    let messages = 0;
    let transcriptActivities = 0;
    let botStates = 0;
    if (some(ids)) {
      messages = count(
        await db.updateTable('messages').set({ text: null }).where('conversation_id', 'in', ids).execute(),
      );
      await db.updateTable('conversations').set({ reference: '{}' }).where('id', 'in', ids).execute();
      transcriptActivities = count(
        await db.deleteFrom('directline_activity').where('conversation_id', 'in', ids).execute(),
      );
      await db.deleteFrom('directline_conversation').where('id', 'in', ids).execute();
      const keys = scope.conversations.map((c) => conversationStateKey(c.channelId, c.id));
      botStates = count(await db.deleteFrom('bot_state').where('key', 'in', keys).execute());
    }
    const tickets = scope.ticketIds;
    let ticketEvents = 0;
    let notifications = 0;
    if (some(tickets)) {
      await db
        .updateTable('tickets')
        .set({ subject: ERASED_TEXT, csat_comment: null })
        .where('id', 'in', tickets)
        .execute();
      ticketEvents = await this.anonymiseEvents(tickets);
      notifications = await this.anonymiseNotifications(tickets);
    }
    return {
      identities: count(identities),
      conversations: ids.length,
      messages,
      transcriptActivities,
      botStates,
      tickets: tickets.length,
      ticketEvents,
      notifications,
    };
  }

  private async anonymiseEvents(ticketIds: readonly number[]): Promise<number> {
    const events = await this.db
      .selectFrom('ticket_events')
      .select(['id', 'data'])
      .where('ticket_id', 'in', ticketIds)
      .execute();
    for (const event of events) {
      const data = parseObject(event.data);
      const kept = Object.fromEntries(Object.entries(data).filter(([key]) => KEPT_EVENT_KEYS.includes(key)));
      await this.db
        .updateTable('ticket_events')
        .set({ data: JSON.stringify({ ...kept, erased: true }) })
        .where('id', '=', event.id)
        .execute();
    }
    return events.length;
  }

  private async anonymiseNotifications(ticketIds: readonly number[]): Promise<number> {
    const rows = await this.db
      .selectFrom('notifications_outbox')
      .select(['id', 'payload'])
      .where('ticket_id', 'in', ticketIds)
      .execute();
    for (const row of rows) {
      const payload = parseObject(row.payload);
      const ticket = parseObject(JSON.stringify(payload.ticket ?? {}));
      const anonymous = {
        ...payload,
        ticket: { ...ticket, subject: ERASED_TEXT },
        customer: null,
        recentMessages: [],
      };
      // The webhook's answer may have echoed the body it was sent.
      await this.db
        .updateTable('notifications_outbox')
        .set({ payload: JSON.stringify(anonymous), last_error: null })
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  }
}

function count(results: ReadonlyArray<{ numDeletedRows?: bigint; numUpdatedRows?: bigint }>): number {
  return results.reduce((n, r) => n + Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0n), 0);
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
