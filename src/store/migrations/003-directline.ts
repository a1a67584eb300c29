import type { Kysely } from 'kysely';

/** Direct Line: conversations, their transcripts (one row per activity, `seq` = watermark) and generated keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directline_conversation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('started_at', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('directline_activity')
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('directline_conversation.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directline_activity_pk', ['conversation_id', 'seq'])
    .execute();
  await db.schema
    .createTable('directline_key')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('directline_key').execute();
  await db.schema.dropTable('directline_activity').execute();
  await db.schema.dropTable('directline_conversation').execute();
}
