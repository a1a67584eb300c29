import { type Kysely, sql } from 'kysely';
import { nowText } from '../dialect.ts';

/** The CRM store: agents, tickets with their audit trail, the notification outbox, and one customer per email. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  // Ticket references start at T-1001.
  await sql`insert into sequences (name, value) values ('ticket_reference', 1000)`.execute(db);

  await db.schema
    .createTable('agents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('agent', 'admin')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('agents_active_email')
    .unique()
    .on('agents')
    .column('email')
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('low', 'normal', 'high', 'urgent')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('new', 'open', 'pending', 'solved', 'closed')`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'integer', (c) => c.references('agents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn('first_response_at', 'text')
    .addColumn('solved_at', 'text')
    .addColumn('csat_rating', 'integer', (c) => c.check(sql`csat_rating between 1 and 5`))
    .addColumn('csat_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // At most one open ticket per conversation, even with several servers escalating at once.
  await db.schema
    .createIndex('tickets_one_open_per_conversation')
    .unique()
    .on('tickets')
    .column('conversation_id')
    .where(sql.ref('status'), 'in', sql`('new', 'open', 'pending')`)
    .execute();
  await db.schema.createIndex('tickets_queue').on('tickets').columns(['status', 'priority', 'created_at']).execute();
  await db.schema.createIndex('tickets_assignee').on('tickets').columns(['assignee_id', 'status']).execute();
  await db.schema.createIndex('tickets_customer').on('tickets').column('customer_id').execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('notifications_outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema
    .createIndex('notifications_outbox_due')
    .on('notifications_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  // One customer per email address: a returning customer is merged into the existing record.
  await db.schema.createIndex('customers_email_unique').unique().on('customers').column('email').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('customers_email_unique').execute();
  for (const table of ['notifications_outbox', 'ticket_events', 'tickets', 'agents', 'sequences']) {
    await db.schema.dropTable(table).execute();
  }
}
