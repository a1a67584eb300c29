import type { CustomerRepository } from '../customers/customer.repository.ts';
import type { ChannelUser } from '../customers/customer.ts';
import type { Transactor } from '../store/transactor.ts';
import type { ConversationRepository } from './conversation.repository.ts';
import type { Author, FeedbackRecord, MessageFindings } from './feedback-record.ts';

/** An inbound activity as the channel delivered it, before the bot did anything with it. */
export interface InboundActivity {
  readonly conversationId: string;
  readonly user: ChannelUser;
  /** JSON of the conversation reference, kept so agents can reply proactively later. */
  readonly reference: string;
  readonly activityType: string;
  readonly activityId: string | null;
  readonly text: string | null;
  readonly at: string;
}

export interface OutboundActivity {
  readonly conversationId: string;
  readonly author: Exclude<Author, 'customer'>;
  readonly activityType: string;
  readonly activityId: string | null;
  readonly replyToId: string | null;
  readonly text: string | null;
  readonly answeredEntryId: string | null;
  readonly at: string;
}

/** Where an inbound activity was stored. */
export interface StoredInbound {
  readonly messageId: number;
  readonly customerId: number;
}

export interface FeedbackServiceDeps {
  readonly transactor: Transactor;
  /** Built on `transactor.db`, so an inbound record (customer, conversation, message) is one transaction. */
  readonly conversations: ConversationRepository;
  readonly customers: CustomerRepository;
}

/**
 * Keeps every turn as a feedback record: what was said, by whom, what the matcher made of it, and
 * whether the answer helped. No botbuilder here: the bot's middleware translates activities.
 */
export class FeedbackService {
  private readonly conversations: ConversationRepository;

  constructor(private readonly deps: FeedbackServiceDeps) {
    this.conversations = deps.conversations;
  }

  /**
   * Stores the customer (created on first contact), the conversation and the message, atomically.
   * An activity id already stored for the conversation (a turn run again after a crash, a
   * channel's retry) keeps its one record.
   */
  async recordInbound(activity: InboundActivity): Promise<StoredInbound> {
    const { conversations } = this;
    return this.deps.transactor.run(async () => {
      const customer = await this.deps.customers.touch(activity.user, activity.conversationId, activity.at);
      await conversations.upsertConversation(
        activity.conversationId,
        activity.user.channelId,
        customer.id,
        activity.reference,
        activity.at,
      );
      const existing =
        activity.activityId === null
          ? undefined
          : await conversations.findInboundMessageId(activity.conversationId, activity.activityId);
      if (existing !== undefined) return { messageId: existing, customerId: customer.id };
      const messageId = await conversations.insertMessage({
        conversation_id: activity.conversationId,
        customer_id: customer.id,
        direction: 'inbound',
        author: 'customer',
        activity_type: activity.activityType,
        activity_id: activity.activityId,
        reply_to_id: null,
        text: activity.text,
        created_at: activity.at,
      });
      return { messageId, customerId: customer.id };
    });
  }

  /** Stores the match outcome and/or the sentiment and complaint classification of an inbound message. */
  async recordFindings(messageId: number, findings: MessageFindings): Promise<void> {
    await this.conversations.setFindings(messageId, findings);
  }

  /** Comparative sentiment of the last `limit` analysed customer messages, oldest first. */
  recentComparatives(conversationId: string, limit: number): Promise<number[]> {
    return this.conversations.recentComparatives(conversationId, limit);
  }

  /**
   * Stores what the bot (or an agent) sent; the conversation row exists from the inbound side. The
   * customer is read and the row written in one transaction, so a customer merge cannot slip in
   * between and leave the row pointing at a deleted customer.
   */
  recordOutbound(activity: OutboundActivity): Promise<number> {
    return this.deps.transactor.run(async () => {
      const customerId = (await this.conversations.conversationCustomer(activity.conversationId)) ?? null;
      return this.conversations.insertMessage({
        conversation_id: activity.conversationId,
        customer_id: customerId,
        direction: 'outbound',
        author: activity.author,
        activity_type: activity.activityType,
        activity_id: activity.activityId,
        reply_to_id: activity.replyToId,
        text: activity.text,
        created_at: activity.at,
        answered_entry_id: activity.answeredEntryId,
      });
    });
  }

  /** Notes which entry finally answered the question stored as `messageId`. */
  async recordAnswer(messageId: number, entryId: string): Promise<void> {
    await this.conversations.setAnswered(messageId, entryId);
  }

  /** Stores a helpful / not-helpful vote on the question whose answer was rated. */
  async recordVote(messageId: number, helpful: boolean, at = new Date().toISOString()): Promise<void> {
    await this.conversations.setVote(messageId, helpful, at);
  }

  /** Stores a request for a person; customer read and row written in one transaction (see `recordOutbound`). */
  recordHandoffRequest(conversationId: string, messageId: number | null, reason: string): Promise<number> {
    return this.deps.transactor.run(async () => {
      const customerId = (await this.conversations.conversationCustomer(conversationId)) ?? null;
      return this.conversations.insertHandoffRequest(conversationId, customerId, messageId, reason);
    });
  }

  /** The stored conversation reference (JSON), for proactive messages. */
  conversationReference(conversationId: string): Promise<string | undefined> {
    return this.conversations.conversationReference(conversationId);
  }

  transcript(conversationId: string): Promise<FeedbackRecord[]> {
    return this.conversations.transcript(conversationId);
  }

  message(id: number): Promise<FeedbackRecord | undefined> {
    return this.conversations.message(id);
  }
}
