import { type Kysely, sql } from 'kysely';
import { nowText } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn('last_seen_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex('customers_email').on('customers').column('email').execute();

  // One customer may reach us through several channels / user ids.
  await db.schema
    .createTable('customer_identities')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('channel_user_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('customer_identities_pk', ['channel_id', 'channel_user_id'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn('last_activity_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .execute();

  // The feedback records: every inbound and outbound activity, in order.
  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('customer', 'bot', 'agent')`))
    .addColumn('activity_type', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text')
    .addColumn('reply_to_id', 'text')
    .addColumn('text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('match_kind', 'text')
    .addColumn('match_entry_id', 'text')
    .addColumn('match_confidence', 'real')
    .addColumn('match_candidates', 'text')
    .addColumn('answered_entry_id', 'text')
    .addColumn('helpful', 'integer')
    .addColumn('voted_at', 'text')
    .execute();
  await db.schema.createIndex('messages_conversation').on('messages').columns(['conversation_id', 'id']).execute();
  await db.schema
    .createIndex('messages_answered_entry')
    .on('messages')
    .columns(['answered_entry_id', 'helpful'])
    .execute();

  await db.schema
    .createTable('handoff_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('message_id', 'integer', (c) => c.references('messages.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['handoff_requests', 'messages', 'conversations', 'customer_identities', 'customers']) {
    await db.schema.dropTable(table).execute();
  }
}
