import type { Kysely } from 'kysely';

/**
 * Who changed the knowledge files through the admin API, what and when: one row per write
 * (`change_kind` `add-phrasings`, `new-entry` or `out-of-scope`), with the phrasings written as a
 * JSON array, the file and line, and the inbox suggestion it came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('knowledge_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('actor_agent_id', 'integer', (c) => c.notNull().references('agents.id'))
    .addColumn('change_kind', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'text')
    .addColumn('phrasings', 'text', (c) => c.notNull())
    .addColumn('suggestion_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('knowledge_changes_created').on('knowledge_changes').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('knowledge_changes').execute();
}
