import type { Kysely } from 'kysely';

/**
 * The audit trail (issue 18): one append-only row per agent or admin action, with who (`actor_kind`
 * `agent` | `admin` | `cli` | `system`, the agent's id and the name they had then), what
 * (`action`, a dotted verb), on what (`target_type`, `target_id`), from where (`address`) and a few
 * facts as JSON text (`detail`, never message text). Also `agents.expires_at`: a token may expire
 * (ISO text, null = never).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    // No foreign key: the trail outlives what it names, and an agent row is never deleted anyway.
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('address', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
  await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_id', 'id']).execute();
  await db.schema.createIndex('audit_events_action').on('audit_events').columns(['action', 'id']).execute();
  await db.schema.alterTable('agents').addColumn('expires_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agents').dropColumn('expires_at').execute();
  await db.schema.dropTable('audit_events').execute();
}
