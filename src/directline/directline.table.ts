import type { Generated } from 'kysely';

/** Row of `directline_conversation`: one Direct Line conversation and who it belongs to. */
export interface DirectLineConversationTable {
  id: string;
  user_id: string;
  user_name: string | null;
  /** When the conversation was started (the bot greeted); null until then. */
  started_at: string | null;
  /** Sequence number of the newest activity; the next one gets `last_seq + 1`. */
  last_seq: number;
  created_at: string;
  /** When the greeting turn of "start" finished; null while it is owed (started_at set) or not due. */
  start_turn_done_at: string | null;
  /** 1 when the token was bound to the site's user id with the secret (see `TokenClaims.boundUser`). */
  user_bound: Generated<number>;
}

/** Row of `directline_activity`: one activity of a transcript; `seq` is its watermark. */
export interface DirectLineActivityTable {
  conversation_id: string;
  seq: number;
  /** The activity as JSON, exactly as clients receive it. */
  activity: string;
  created_at: string;
  /** When the bot's turn for this activity finished; null while a turn is owed (customer activities only). */
  turn_done_at: string | null;
  /** The client's id for its post (`channelData.clientActivityID` or `id`), unique per conversation. */
  client_activity_id: string | null;
  /** For the bot's activities: the id of the activity they answer. */
  reply_to_id: string | null;
  /** What redaction masked in the activity's text, by type, as JSON; null when nothing (migration 012). */
  redactions: string | null;
}

/** Row of `directline_key`: generated secrets that must survive a restart. */
export interface DirectLineKeyTable {
  name: string;
  value: string;
  created_at: string;
}
