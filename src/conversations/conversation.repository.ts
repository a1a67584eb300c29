import type { Insertable } from 'kysely';
import type { Db } from '../store/database.ts';
import type { MessageTable } from './conversation.table.ts';
import type { FeedbackRecord, MessageFindings } from './feedback-record.ts';
import { findingsColumns } from './findings-columns.ts';
import { rowToRecord } from './message-row.ts';
import type { TurnOutcome } from './turn-outcome.ts';

/** The implicit-feedback columns a later turn may set on a question. */
type QuestionSignalUpdate =
  | { readonly chosen_entry_id: string }
  | { readonly none_of_these: 1 }
  | { readonly handoff_after_answer: 1 };

/** The only place that reads and writes `conversations`, `messages` and `handoff_requests`. */
export class ConversationRepository {
  constructor(private readonly db: Db) {}

  async upsertConversation(
    id: string,
    channelId: string,
    customerId: number | null,
    reference: string,
    at: string,
  ): Promise<void> {
    await this.db
      .insertInto('conversations')
      .values({ id, channel_id: channelId, customer_id: customerId, reference, started_at: at, last_activity_at: at })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          reference,
          last_activity_at: at,
          customer_id: eb.fn.coalesce('conversations.customer_id', eb.val(customerId)),
        })),
      )
      .execute();
  }

  async conversationCustomer(id: string): Promise<number | null | undefined> {
    const row = await this.db.selectFrom('conversations').select('customer_id').where('id', '=', id).executeTakeFirst();
    return row?.customer_id;
  }

  async conversationReference(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('conversations').select('reference').where('id', '=', id).executeTakeFirst();
    return row?.reference;
  }

  /** The customer's message stored for channel activity `activityId` in this conversation, if any. */
  async findInboundMessageId(conversationId: string, activityId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'inbound')
      .where('activity_id', '=', activityId)
      .executeTakeFirst();
    return row?.id;
  }

  async insertMessage(values: Insertable<MessageTable>): Promise<number> {
    const row = await this.db.insertInto('messages').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * Inserts a message whose customer is the conversation's current one, read by the insert itself
   * (one statement, so a customer merge cannot slip in between the read and the write).
   */
  async insertConversationMessage(values: Omit<Insertable<MessageTable>, 'customer_id'>): Promise<number> {
    const row = await this.db
      .insertInto('messages')
      .values((eb) => ({
        ...values,
        customer_id: eb.selectFrom('conversations').select('customer_id').where('id', '=', values.conversation_id),
      }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Stores what was learned about an inbound message (match outcome and/or analysis) in one write. */
  async setFindings(messageId: number, findings: MessageFindings): Promise<void> {
    const { match, sentiment, complaint } = findings;
    if (match === undefined && sentiment === undefined && complaint === undefined) return;
    await this.db.updateTable('messages').set(findingsColumns(findings)).where('id', '=', messageId).execute();
  }

  /**
   * Stores what an inbound message turned out to be, in one write: its kind, prompt, button,
   * language and (a question's only) match; an unscored message loses the sentiment and complaint
   * stored when it arrived, so it never enters the mood trend or the ticket queue.
   */
  async setTurnOutcome(messageId: number, outcome: TurnOutcome): Promise<void> {
    const { match } = outcome;
    await this.db
      .updateTable('messages')
      .set({
        message_kind: outcome.kind,
        prompt: outcome.prompt,
        action: outcome.action?.kind ?? null,
        action_entry_id: outcome.action?.entryId ?? null,
        language: outcome.language,
        match_kind: match?.kind ?? null,
        match_entry_id: match?.entryId ?? null,
        match_confidence: match?.confidence ?? null,
        match_candidates: match === undefined ? null : JSON.stringify(match.candidates),
        ...(outcome.answeredEntryId === undefined ? {} : { answered_entry_id: outcome.answeredEntryId }),
        ...(outcome.scored
          ? {}
          : {
              sentiment_score: null,
              sentiment_comparative: null,
              sentiment_label: null,
              is_complaint: null,
              complaint_category: null,
              complaint_severity: null,
              complaint_confidence: null,
            }),
      })
      .where('id', '=', messageId)
      .execute();
  }

  /** Sets implicit feedback on question `messageId`; the caller has checked it is one. */
  async setQuestionSignal(messageId: number, signal: QuestionSignalUpdate): Promise<void> {
    await this.db.updateTable('messages').set(signal).where('id', '=', messageId).execute();
  }

  /** The customer's chat message stored just before message `beforeId` in the conversation, if any. */
  async previousCustomerMessage(conversationId: string, beforeId: number): Promise<FeedbackRecord | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'inbound')
      .where('activity_type', '=', 'message')
      .where('id', '<', beforeId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : rowToRecord(row);
  }

  /** Comparative sentiment of the conversation's last `limit` analysed customer messages, oldest first. */
  async recentComparatives(conversationId: string, limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('messages')
      .select('sentiment_comparative')
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'inbound')
      .where('sentiment_comparative', 'is not', null)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.sentiment_comparative ?? 0).reverse();
  }

  /** Returns false when there is no such message. */
  async setVote(messageId: number, helpful: boolean, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set({ helpful: helpful ? 1 : 0, voted_at: at })
      .where('id', '=', messageId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async insertHandoffRequest(
    conversationId: string,
    customerId: number | null,
    messageId: number | null,
    reason: string,
  ): Promise<number> {
    const row = await this.db
      .insertInto('handoff_requests')
      .values({ conversation_id: conversationId, customer_id: customerId, message_id: messageId, reason })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * The conversation's stored activities in order: the one transcript query. With `messagesOnly`,
   * chat messages only (no events, typing or conversation updates), as an agent reads them.
   */
  async transcript(
    conversationId: string,
    options: { readonly messagesOnly?: boolean } = {},
  ): Promise<FeedbackRecord[]> {
    let query = this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
    if (options.messagesOnly === true) query = query.where('activity_type', '=', 'message');
    const rows = await query.orderBy('id').execute();
    return rows.map(rowToRecord);
  }

  /** The customer's last `count` non-empty text messages in the conversation, oldest first. */
  async recentCustomerTexts(conversationId: string, count: number): Promise<Array<{ text: string; at: string }>> {
    const rows = await this.db
      .selectFrom('messages')
      .select(['text', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .where('author', '=', 'customer')
      .where('activity_type', '=', 'message')
      .where('text', 'is not', null)
      .where('text', '!=', '')
      .orderBy('id', 'desc')
      .limit(count)
      .execute();
    return rows.reverse().map((r) => ({ text: r.text ?? '', at: r.created_at }));
  }

  /** Gives customer `fromId`'s conversations, messages and handoff requests to `toId` (a merge; run it in a transaction). */
  async reassignCustomer(fromId: number, toId: number): Promise<void> {
    await this.db.updateTable('conversations').set({ customer_id: toId }).where('customer_id', '=', fromId).execute();
    await this.db.updateTable('messages').set({ customer_id: toId }).where('customer_id', '=', fromId).execute();
    await this.db
      .updateTable('handoff_requests')
      .set({ customer_id: toId })
      .where('customer_id', '=', fromId)
      .execute();
  }

  async message(id: number): Promise<FeedbackRecord | undefined> {
    const row = await this.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : rowToRecord(row);
  }
}
