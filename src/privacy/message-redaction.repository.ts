import type { Db } from '../store/database.ts';
import { Transactor } from '../store/transactor.ts';
import { type ConversationMessage, MessageCopies } from './message-copies.ts';

/** A stored chat message as redaction after the fact needs it. */
export interface RedactableMessage extends ConversationMessage {
  readonly conversationId: string;
  readonly activityId: string | null;
  readonly redactions: string | null;
}

/** How one stored text becomes its redacted form. */
export type TextRewrite = (text: string) => string;

/** What a rewrite changed besides the message itself. */
export interface RewriteSummary {
  readonly ticketEvents: number;
  readonly subjects: number;
  readonly notifications: number;
}

/** The ticket events whose `text` (or `comment`) is a message of the chat. */
const QUOTING_EVENT_TYPES: ReadonlySet<string> = new Set(['customer_message', 'reply', 'csat']);

/** A notification's payload, as far as it quotes messages. */
interface QuotingPayload {
  ticket?: { subject?: unknown };
  recentMessages?: Array<{ text?: unknown; at?: unknown }>;
}

/**
 * The tables an agent's redaction rewrites: the feedback record (`messages`), and the copies of
 * that one message (see {@link MessageCopies}) in the ticket events and subjects and the
 * notification outbox's bodies. (The Direct Line transcript is rewritten through
 * `TranscriptRewriter`, which also tells the open clients.) On a {@link Transactor} shared with
 * the transcript's repository, {@link run} makes both one transaction. Written with Kysely's
 * builder only, for SQLite and PostgreSQL alike.
 */
export class MessageRedactionRepository {
  readonly #transactor: Transactor;
  private readonly db: Db;

  constructor(store: Db | Transactor) {
    this.#transactor = store instanceof Transactor ? store : new Transactor(store);
    this.db = this.#transactor.db;
  }

  /** Runs `work` in one transaction, which the transcript's writes join when it shares the transactor. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.#transactor.run(work);
  }

  /** The ticket's id and conversation, or undefined when no ticket has this reference. */
  async ticket(reference: string): Promise<{ id: number; conversationId: string } | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .select(['id', 'conversation_id'])
      .where('reference', '=', reference)
      .executeTakeFirst();
    return row === undefined ? undefined : { id: row.id, conversationId: row.conversation_id };
  }

  async message(id: number): Promise<RedactableMessage | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'text', 'activity_id', 'redactions', 'direction', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          id: row.id,
          conversationId: row.conversation_id,
          text: row.text,
          activityId: row.activity_id,
          redactions: row.redactions,
          direction: row.direction,
          createdAt: row.created_at,
        };
  }

  /**
   * Sets the message's new text and counts, and applies `rewrite` to its copies in the ticket
   * events, ticket subjects and notification bodies of the conversation's tickets, in one
   * transaction (the caller's, inside {@link run}).
   */
  rewrite(
    message: RedactableMessage & { readonly text: string },
    text: string,
    redactions: string | null,
    rewrite: TextRewrite,
  ): Promise<RewriteSummary> {
    return this.#transactor.run(async () => {
      const trx = this.db;
      // Read before the update: which texts are copies is decided on the message's words as they were.
      const conversation = await trx
        .selectFrom('messages')
        .select(['id', 'text', 'direction', 'created_at'])
        .where('conversation_id', '=', message.conversationId)
        .execute();
      const copies = new MessageCopies(
        message,
        conversation.map((m) => ({ id: m.id, text: m.text, direction: m.direction, createdAt: m.created_at })),
      );
      await trx.updateTable('messages').set({ text, redactions }).where('id', '=', message.id).execute();
      const tickets = await trx
        .selectFrom('tickets')
        .select(['id', 'subject'])
        .where('conversation_id', '=', message.conversationId)
        .execute();
      let subjects = 0;
      for (const ticket of tickets) {
        if (!copies.isSubject(ticket.subject)) continue;
        await trx
          .updateTable('tickets')
          .set({ subject: rewrite(ticket.subject) })
          .where('id', '=', ticket.id)
          .execute();
        subjects += 1;
      }
      const ticketIds = tickets.map((t) => t.id);
      if (ticketIds.length === 0) return { ticketEvents: 0, subjects, notifications: 0 };
      let ticketEvents = 0;
      const events = await trx
        .selectFrom('ticket_events')
        .select(['id', 'type', 'data'])
        .where('ticket_id', 'in', ticketIds)
        .execute();
      for (const event of events) {
        const data = JSON.parse(event.data) as Record<string, unknown>;
        let changed = false;
        const replace = (field: string, isCopy: (value: string) => boolean): void => {
          const value = data[field];
          if (typeof value !== 'string' || !isCopy(value)) return;
          data[field] = rewrite(value);
          changed ||= data[field] !== value;
        };
        // The subject as the ticket was opened with it; the words people said (agents' notes are their own).
        replace('subject', (value) => copies.isSubject(value));
        if (QUOTING_EVENT_TYPES.has(event.type))
          for (const field of ['text', 'comment']) replace(field, (value) => copies.isEventText(value, data.messageId));
        if (!changed) continue;
        await trx
          .updateTable('ticket_events')
          .set({ data: JSON.stringify(data) })
          .where('id', '=', event.id)
          .execute();
        ticketEvents += 1;
      }
      let notifications = 0;
      const outbox = await trx
        .selectFrom('notifications_outbox')
        .select(['id', 'payload'])
        .where('ticket_id', 'in', ticketIds)
        .execute();
      for (const row of outbox) {
        const payload = JSON.parse(row.payload) as QuotingPayload;
        const before = JSON.stringify(payload);
        const subject = payload.ticket?.subject;
        if (payload.ticket !== undefined && typeof subject === 'string' && copies.isSubject(subject))
          payload.ticket.subject = rewrite(subject);
        for (const quote of payload.recentMessages ?? []) {
          if (
            typeof quote.text === 'string' &&
            typeof quote.at === 'string' &&
            copies.isRecentMessage(quote.text, quote.at)
          )
            quote.text = rewrite(quote.text);
        }
        const json = JSON.stringify(payload);
        if (json === before) continue;
        await trx.updateTable('notifications_outbox').set({ payload: json }).where('id', '=', row.id).execute();
        notifications += 1;
      }
      return { ticketEvents, subjects, notifications };
    });
  }
}
