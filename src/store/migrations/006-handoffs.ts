import type { Kysely } from 'kysely';

/** The live-chat side of a ticket: is a person (about to be) talking in the conversation? */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handoffs')
    .addColumn('ticket_id', 'integer', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('state_changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('handoffs_conversation_state')
    .on('handoffs')
    .columns(['conversation_id', 'state'])
    .execute();
  await db.schema.createIndex('handoffs_state_started').on('handoffs').columns(['state', 'started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('handoffs').execute();
}
