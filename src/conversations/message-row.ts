import type { Selectable } from 'kysely';
import type { MessageTable } from './conversation.table.ts';
import type { FeedbackRecord, MatchOutcome, MessageKind, PromptName } from './feedback-record.ts';

/**
 * The one mapping of a `messages` row to its domain shape, used by `ConversationRepository` (the
 * table's only owner); the ticket view derives its transcript lines from these records.
 */
export function rowToRecord(row: Selectable<MessageTable>): FeedbackRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    direction: row.direction,
    author: row.author,
    activityType: row.activity_type,
    activityId: row.activity_id,
    replyToId: row.reply_to_id,
    text: row.text,
    createdAt: row.created_at,
    match:
      row.match_kind === null
        ? null
        : {
            kind: row.match_kind as MatchOutcome['kind'],
            entryId: row.match_entry_id,
            confidence: row.match_confidence,
            candidates: JSON.parse(row.match_candidates ?? '[]') as MatchOutcome['candidates'],
          },
    answeredEntryId: row.answered_entry_id,
    helpful: row.helpful === null ? null : row.helpful === 1,
    sentiment:
      row.sentiment_label === null
        ? null
        : { score: row.sentiment_score ?? 0, comparative: row.sentiment_comparative ?? 0, label: row.sentiment_label },
    complaint:
      row.is_complaint === null
        ? null
        : {
            isComplaint: row.is_complaint === 1,
            category: row.complaint_category,
            severity: row.complaint_severity,
            confidence: row.complaint_confidence ?? 0,
          },
    kind: row.message_kind as MessageKind | null,
    prompt: row.prompt as PromptName | null,
    action: row.action === null ? null : { kind: row.action, entryId: row.action_entry_id },
    signals: {
      chosenEntryId: row.chosen_entry_id,
      noneOfThese: row.none_of_these === 1,
      handoffAfterAnswer: row.handoff_after_answer === 1,
    },
    language: row.language,
  };
}
