import type { Kysely } from 'kysely';

/** [name, table, columns] of the indexes the reports (issue 16) read by. */
const INDEXES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  // "Was this conversation handed off?" is asked once per conversation of the period.
  ['tickets_conversation', 'tickets', ['conversation_id']],
  ['handoff_requests_conversation', 'handoff_requests', ['conversation_id']],
  // Periods: messages by time (the report's widest table), tickets by creation and by solve, events by type and time.
  ['messages_created', 'messages', ['created_at']],
  ['conversations_started', 'conversations', ['started_at']],
  ['tickets_created', 'tickets', ['created_at']],
  ['tickets_solved', 'tickets', ['solved_at']],
  ['ticket_events_type_created', 'ticket_events', ['type', 'created_at']],
];

/** Indexes for the reports: no table changes, so it is safe on a running shop's database. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...columns])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
