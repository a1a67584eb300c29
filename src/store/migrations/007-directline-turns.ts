import { type Kysely, sql } from 'kysely';

/**
 * Direct Line turns that survive a crash, and idempotent posts:
 * - `directline_activity.turn_done_at`: null while the bot owes this (customer) activity a turn;
 *   a start-up pass runs every owed turn. Rows that exist already count as done, as do the bot's.
 * - `directline_conversation.start_turn_done_at`: the same for the greeting turn of "start".
 * - `directline_activity.client_activity_id`: the client's own id for a post, unique per
 *   conversation, so a retried post is stored once (across processes and restarts).
 * - `directline_activity.reply_to_id`: which activity a bot activity answers, so recovery can see
 *   that a crashed turn already answered.
 * - `directline_conversation.user_bound`: 1 when the conversation's token was bound to a site's user
 *   id with the secret, so a greeting recovered after a crash carries the same binding.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['turn_done_at', 'client_activity_id', 'reply_to_id']) {
    await db.schema.alterTable('directline_activity').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('directline_conversation').addColumn('start_turn_done_at', 'text').execute();
  await db.schema
    .alterTable('directline_conversation')
    .addColumn('user_bound', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`update directline_activity set turn_done_at = created_at`.execute(db);
  await sql`update directline_conversation set start_turn_done_at = started_at where started_at is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('directline_activity_client_id')
    .unique()
    .on('directline_activity')
    .columns(['conversation_id', 'client_activity_id'])
    .where(sql.ref('client_activity_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('directline_activity_turn_owed')
    .on('directline_activity')
    .columns(['conversation_id', 'seq'])
    .where(sql.ref('turn_done_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('directline_activity_reply_to')
    .on('directline_activity')
    .columns(['conversation_id', 'reply_to_id'])
    .where(sql.ref('reply_to_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'directline_activity_reply_to',
    'directline_activity_turn_owed',
    'directline_activity_client_id',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('directline_conversation').dropColumn('user_bound').execute();
  await db.schema.alterTable('directline_conversation').dropColumn('start_turn_done_at').execute();
  for (const column of ['reply_to_id', 'client_activity_id', 'turn_done_at']) {
    await db.schema.alterTable('directline_activity').dropColumn(column).execute();
  }
}
