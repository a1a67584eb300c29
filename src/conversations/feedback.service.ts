import type { CustomerRepository } from '../customers/customer.repository.ts';
import type { ChannelUser } from '../customers/customer.ts';
import { redactActivity } from '../privacy/activity-redaction.ts';
import { addRedactionCounts, NO_REDACTION, redactionsColumn, type TextRedactor } from '../privacy/redaction.ts';
import type { Transactor } from '../store/transactor.ts';
import type { ConversationRepository } from './conversation.repository.ts';
import type { Author, FeedbackRecord, MessageFindings } from './feedback-record.ts';
import { findingsColumns } from './findings-columns.ts';
import type { QuestionChoice, TurnOutcome } from './turn-outcome.ts';

/** An inbound activity as the channel delivered it, before the bot did anything with it. */
export interface InboundActivity {
  readonly conversationId: string;
  readonly user: ChannelUser;
  /** JSON of the conversation reference, kept so agents can reply proactively later. */
  readonly reference: string;
  readonly activityType: string;
  readonly activityId: string | null;
  readonly text: string | null;
  /**
   * The activity's other fields (value, attachments, channelData…): never stored here, but what
   * redaction finds in them is counted on the record with the text's, so a card number typed into
   * a form field shows in the counts like one typed as text.
   */
  readonly fields?: Readonly<Record<string, unknown>> | undefined;
  readonly at: string;
  /** The message's sentiment and complaint, when it was analysed (stored with it, one write). */
  readonly findings?: MessageFindings | undefined;
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
  /** Masks personal data in customers' and agents' text before it is stored (default: nothing masked). */
  readonly redactor?: TextRedactor | undefined;
}

/**
 * Keeps every turn as a feedback record: what was said, by whom, what the matcher made of it, and
 * whether the answer helped. No botbuilder here: the bot's middleware translates activities.
 */
export class FeedbackService {
  private readonly conversations: ConversationRepository;
  private readonly redactor: TextRedactor;

  constructor(private readonly deps: FeedbackServiceDeps) {
    this.conversations = deps.conversations;
    this.redactor = deps.redactor ?? NO_REDACTION;
  }

  /** The text as stored and what was masked in it and in the activity's other `fields`. */
  private redacted(
    text: string | null,
    fields?: Readonly<Record<string, unknown>>,
  ): { text: string | null; redactions: string | null } {
    const others = fields === undefined ? {} : redactActivity({ ...fields, text: undefined }, this.redactor).counts;
    if (text === null || text === '') return { text, redactions: redactionsColumn(others) };
    const redaction = this.redactor.redact(text);
    return { text: redaction.text, redactions: redactionsColumn(addRedactionCounts(redaction.counts, others)) };
  }

  /**
   * Stores the customer (created on first contact), the conversation and the message with its
   * findings, atomically, its text redacted (counts in `redactions`).
   * An activity id already stored for the conversation (a turn run again after a crash, a
   * channel's retry) keeps its one record (its findings are written again).
   *
   * In a Direct Line turn this commits ahead of the turn's own transaction (`Transactor.runAhead`):
   * a message that got a 2xx is stored even when the turn then fails and rolls back (the rerun
   * finds it by its activity id), and the turn holds the connection only from its replies on.
   */
  async recordInbound(activity: InboundActivity): Promise<StoredInbound> {
    const { conversations } = this;
    return this.deps.transactor.runAhead(async () => {
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
      if (existing !== undefined) {
        if (activity.findings !== undefined) await conversations.setFindings(existing, activity.findings);
        return { messageId: existing, customerId: customer.id };
      }
      const messageId = await conversations.insertMessage({
        conversation_id: activity.conversationId,
        customer_id: customer.id,
        direction: 'inbound',
        author: 'customer',
        activity_type: activity.activityType,
        activity_id: activity.activityId,
        reply_to_id: null,
        ...this.redacted(activity.text, activity.fields),
        created_at: activity.at,
        ...(activity.findings === undefined ? {} : findingsColumns(activity.findings)),
      });
      return { messageId, customerId: customer.id };
    });
  }

  /**
   * Stores what inbound message `messageId` of `conversationId` turned out to be (one write on its
   * record) and, in the same transaction, the implicit feedback it gave: a "did you mean" choice on
   * the question that offered it, or a request for a person on the question answered just before.
   * A choice naming a record that is not a question of this conversation, or an entry that was not
   * among that question's candidates, is ignored: the value came back from the client.
   */
  recordTurnOutcome(conversationId: string, messageId: number, outcome: TurnOutcome): Promise<void> {
    return this.deps.transactor.run(async () => {
      await this.conversations.setTurnOutcome(messageId, outcome);
      if (outcome.choice !== undefined) await this.recordChoice(conversationId, outcome.choice);
      if (outcome.askedForPerson) {
        const previous = await this.conversations.previousCustomerMessage(conversationId, messageId);
        if (previous?.kind === 'question' && previous.answeredEntryId !== null)
          await this.conversations.setQuestionSignal(previous.id, { handoff_after_answer: 1 });
      }
    });
  }

  private async recordChoice(conversationId: string, choice: QuestionChoice): Promise<void> {
    const question = await this.conversations.message(choice.question);
    if (question?.conversationId !== conversationId || question.direction !== 'inbound') return;
    if (question.kind !== 'question') return;
    if (choice.kind === 'none-of-these') {
      await this.conversations.setQuestionSignal(question.id, { none_of_these: 1 });
      return;
    }
    if (!(question.match?.candidates ?? []).some((c) => c.entryId === choice.entryId)) return;
    await this.conversations.setQuestionSignal(question.id, { chosen_entry_id: choice.entryId });
  }

  /** Comparative sentiment of the last `limit` analysed customer messages, oldest first. */
  recentComparatives(conversationId: string, limit: number): Promise<number[]> {
    return this.conversations.recentComparatives(conversationId, limit);
  }

  /**
   * Stores what the bot (or an agent) sent; the conversation row exists from the inbound side. The
   * customer is read by the insert itself (one statement, one per reply of every turn), so a
   * customer merge cannot slip in between and leave the row pointing at a deleted customer.
   */
  recordOutbound(activity: OutboundActivity): Promise<number> {
    return this.conversations.insertConversationMessage({
      conversation_id: activity.conversationId,
      direction: 'outbound',
      author: activity.author,
      activity_type: activity.activityType,
      activity_id: activity.activityId,
      reply_to_id: activity.replyToId,
      // The bot's words are the admins' (an answer may give the company's phone number); agents' are free text.
      ...(activity.author === 'agent' ? this.redacted(activity.text) : { text: activity.text }),
      created_at: activity.at,
      answered_entry_id: activity.answeredEntryId,
    });
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
