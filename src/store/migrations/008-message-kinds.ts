import { type Kysely, sql } from 'kysely';

/**
 * Truthful feedback records: what each inbound customer message was, and the implicit feedback
 * that later turns gave about a question.
 * - `message_kind`: `question` (matched; only these carry `match_*`), `button` (one of our buttons:
 *   `action`, `action_entry_id`), `prompt-reply` (an answer to `prompt`), `to-agent` (said while a
 *   person has the chat), `small-talk`, `command` (help, start over, a request for a person),
 *   `empty`; null on outbound rows, non-message activities and rows stored before this migration.
 * - On a question: `chosen_entry_id` (the "did you mean" candidate the customer picked),
 *   `none_of_these` (1 when they answered "none of these"), `handoff_after_answer` (1 when they
 *   asked for a person right after this question was answered); `helpful` already holds the vote.
 * - `language`: the detected language (ISO 639-1) of a message the knowledge did not cover.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: Array<[string, 'text' | 'integer']> = [
    ['message_kind', 'text'],
    ['prompt', 'text'],
    ['action', 'text'],
    ['action_entry_id', 'text'],
    ['chosen_entry_id', 'text'],
    ['none_of_these', 'integer'],
    ['handoff_after_answer', 'integer'],
    ['language', 'text'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('messages').addColumn(name, type).execute();
  }
  await db.schema
    .createIndex('messages_kind_created')
    .on('messages')
    .columns(['message_kind', 'created_at'])
    .where(sql.ref('message_kind'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_kind_created').execute();
  for (const name of [
    'language',
    'handoff_after_answer',
    'none_of_these',
    'chosen_entry_id',
    'action_entry_id',
    'action',
    'prompt',
    'message_kind',
  ]) {
    await db.schema.alterTable('messages').dropColumn(name).execute();
  }
}
