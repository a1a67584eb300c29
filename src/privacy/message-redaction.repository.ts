import type { Db } from '../store/database.ts';
import { rewriteStrings } from './rewrite-strings.ts';

/** A stored chat message as redaction after the fact needs it. */
export interface RedactableMessage {
  readonly id: number;
  readonly conversationId: string;
  readonly text: string | null;
  readonly activityId: string | null;
  readonly redactions: string | null;
}

/** How one stored text becomes its redacted form (unchanged when it holds nothing to redact). */
export type TextRewrite = (text: string) => string;

/** What a rewrite changed besides the message itself. */
export interface RewriteSummary {
  readonly ticketEvents: number;
  readonly subjects: number;
  readonly notifications: number;
}

/**
 * The tables an agent's redaction rewrites, read and written in one transaction: the feedback
 * record (`messages`), the ticket events and subjects quoting it, and the notification outbox's
 * bodies. (The Direct Line transcript is rewritten through `TranscriptRewriter`, which also
 * tells the open clients.) Written with Kysely's builder only, for SQLite and PostgreSQL alike.
 */
export class MessageRedactionRepository {
  constructor(private readonly db: Db) {}

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
      .select(['id', 'conversation_id', 'text', 'activity_id', 'redactions'])
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
        };
  }

  /**
   * Sets the message's new text and counts, and applies `rewrite` to every ticket event, ticket
   * subject and notification body of the conversation's tickets, in one transaction.
   */
  async rewrite(
    message: RedactableMessage,
    text: string,
    redactions: string | null,
    rewrite: TextRewrite,
  ): Promise<RewriteSummary> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('messages').set({ text, redactions }).where('id', '=', message.id).execute();
      const tickets = await trx
        .selectFrom('tickets')
        .select(['id', 'subject'])
        .where('conversation_id', '=', message.conversationId)
        .execute();
      const ticketIds = tickets.map((t) => t.id);
      let subjects = 0;
      for (const ticket of tickets) {
        const subject = rewrite(ticket.subject);
        if (subject === ticket.subject) continue;
        await trx.updateTable('tickets').set({ subject }).where('id', '=', ticket.id).execute();
        subjects += 1;
      }
      if (ticketIds.length === 0) return { ticketEvents: 0, subjects, notifications: 0 };
      let ticketEvents = 0;
      const events = await trx
        .selectFrom('ticket_events')
        .select(['id', 'data'])
        .where('ticket_id', 'in', ticketIds)
        .execute();
      for (const event of events) {
        const data = rewriteStrings(JSON.parse(event.data), rewrite);
        const json = JSON.stringify(data);
        if (json === event.data) continue;
        await trx.updateTable('ticket_events').set({ data: json }).where('id', '=', event.id).execute();
        ticketEvents += 1;
      }
      let notifications = 0;
      const outbox = await trx
        .selectFrom('notifications_outbox')
        .select(['id', 'payload'])
        .where('ticket_id', 'in', ticketIds)
        .execute();
      for (const row of outbox) {
        const json = JSON.stringify(rewriteStrings(JSON.parse(row.payload), rewrite));
        if (json === row.payload) continue;
        await trx.updateTable('notifications_outbox').set({ payload: json }).where('id', '=', row.id).execute();
        notifications += 1;
      }
      return { ticketEvents, subjects, notifications };
    });
  }
}
