import type { Kysely } from 'kysely';

/**
 * Indexes for customer health and the customer profile: a customer's messages in a time window
 * (the health signals group them by customer) and a customer's conversations. Without them each
 * is a scan of the whole table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('messages_customer_created')
    .on('messages')
    .columns(['customer_id', 'created_at'])
    .execute();
  await db.schema.createIndex('conversations_customer').on('conversations').column('customer_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_customer').execute();
  await db.schema.dropIndex('messages_customer_created').execute();
}
