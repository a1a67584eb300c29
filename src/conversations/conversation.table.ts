import type { Generated } from 'kysely';

/** Row of `conversations`: one chat, with the reference needed to message it proactively. */
export interface ConversationTable {
  id: string;
  channel_id: string;
  customer_id: number | null;
  /** JSON of the botbuilder ConversationReference. */
  reference: string;
  started_at: string;
  last_activity_at: string;
}

/** Row of `messages`: a feedback record, one per inbound or outbound activity. */
export interface MessageTable {
  id: Generated<number>;
  conversation_id: string;
  customer_id: number | null;
  direction: 'inbound' | 'outbound';
  author: 'customer' | 'bot' | 'agent';
  activity_type: string;
  activity_id: string | null;
  reply_to_id: string | null;
  text: string | null;
  created_at: string;
  match_kind: string | null;
  match_entry_id: string | null;
  match_confidence: number | null;
  /** JSON array of `{ entryId, confidence }`. */
  match_candidates: string | null;
  answered_entry_id: string | null;
  /** 1 helpful, 0 not helpful, null not rated. */
  helpful: number | null;
  voted_at: string | null;
  sentiment_score: number | null;
  sentiment_comparative: number | null;
  /** `positive | neutral | negative` */
  sentiment_label: string | null;
  /** 1 complaint, 0 not a complaint, null not analysed (outbound or non-message). */
  is_complaint: number | null;
  complaint_category: string | null;
  complaint_severity: string | null;
  complaint_confidence: number | null;
  /** What an inbound customer message was (`MessageKind`); null outbound and before migration 008. */
  message_kind: string | null;
  /** For a `prompt-reply`: which prompt it answered (`PromptName`). */
  prompt: string | null;
  /** For a `button`: the `SupportAction` kind pressed. */
  action: string | null;
  /** For a `button` of kind `entry`: the entry chosen. */
  action_entry_id: string | null;
  /** On a question: the "did you mean" candidate the customer picked. */
  chosen_entry_id: string | null;
  /** On a question: 1 when the customer answered "none of these". */
  none_of_these: number | null;
  /** On a question: 1 when the customer asked for a person right after its answer. */
  handoff_after_answer: number | null;
  /** ISO 639-1 language detected for a message the knowledge did not cover. */
  language: string | null;
  /** What redaction masked in `text`, by type, as JSON (`{"card":1}`); null when nothing (migration 012). */
  redactions: string | null;
}

/** Row of `handoff_requests`: a customer asked for a person (tickets arrive with escalation). */
export interface HandoffRequestTable {
  id: Generated<number>;
  conversation_id: string;
  customer_id: number | null;
  message_id: number | null;
  reason: string;
  created_at: Generated<string>;
}
