import { type Kysely, sql } from 'kysely';

/**
 * Covering indexes for the support report (issue 16 §4: a summary over 100,000 messages under a
 * second). The report reads a handful of small columns of every customer message of the period;
 * through `messages_created` (014) each row cost a lookup in the table, whose rows are wide (text,
 * candidates) and stored in conversation order, not time order. These indexes hold those columns,
 * so SQLite answers from the index alone ("USING COVERING INDEX") and PostgreSQL can use an
 * index-only scan. Partial (`direction = 'inbound'`): the report never reads the bot's and
 * agents' half of the table, which also keeps the cost of a stored reply unchanged. `direction`
 * is also a column because SQLite counts a column only named in the WHERE as not covered.
 * No table changes, so it is safe on a running shop's database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // By time: the period's counts, complaints by category and severity, top entries.
  await db.schema
    .createIndex('messages_inbound_report')
    .on('messages')
    .columns([
      'created_at',
      'direction',
      'activity_type',
      'message_kind',
      'match_kind',
      'helpful',
      'sentiment_label',
      'is_complaint',
      'complaint_category',
      'complaint_severity',
      'answered_entry_id',
    ])
    .where(sql.ref('direction'), '=', 'inbound')
    .execute();
  // By conversation, in order: had a question, the trend of the last scored messages.
  await db.schema
    .createIndex('messages_inbound_conversation')
    .on('messages')
    .columns(['conversation_id', 'direction', 'id', 'activity_type', 'message_kind', 'sentiment_comparative'])
    .where(sql.ref('direction'), '=', 'inbound')
    .execute();
  // The period's conversations with their id, without reading the table.
  await db.schema.createIndex('conversations_started_id').on('conversations').columns(['started_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_started_id').execute();
  await db.schema.dropIndex('messages_inbound_conversation').execute();
  await db.schema.dropIndex('messages_inbound_report').execute();
}
