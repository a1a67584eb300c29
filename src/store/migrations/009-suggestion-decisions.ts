import type { Kysely } from 'kysely';

/**
 * The misses inbox's decisions: one row per phrasing an admin accepted or dismissed, keyed by its
 * normalised text (the text pipeline's `normalise`), so the same wording is never suggested again.
 * Rows are an audit trail (who decided what and when), never updated; a phrasing may be decided
 * twice when two admins act at once, which is harmless.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suggestion_decisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('phrasing_key', 'text', (c) => c.notNull())
    .addColumn('phrasing', 'text', (c) => c.notNull())
    .addColumn('suggestion_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text')
    .addColumn('out_of_scope', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actor_agent_id', 'integer', (c) => c.notNull().references('agents.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_decisions_key').on('suggestion_decisions').column('phrasing_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('suggestion_decisions').execute();
}
