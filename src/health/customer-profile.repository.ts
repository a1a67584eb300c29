import { sql } from 'kysely';
import type { Db } from '../store/database.ts';
import type { CustomerProfile, ProfileConversation, ProfileTicket } from './customer-profile.ts';

const n = (value: number | string | bigint | null | undefined): number => Number(value ?? 0);

/**
 * Reads one customer's history for the profile: a read model over `customers`, `conversations`,
 * `messages` and `tickets` (writes none). Message counts are aggregated in SQL, never loaded.
 */
export class CustomerProfileRepository {
  constructor(private readonly db: Db) {}

  /** The customer, or undefined when there is no such id. */
  async customer(id: number): Promise<CustomerProfile['customer'] | undefined> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
    };
  }

  /** Every conversation of the customer, newest activity first, with its message counts. */
  async conversations(customerId: number): Promise<ProfileConversation[]> {
    const counts = this.db
      .selectFrom('messages')
      .select([
        'conversation_id',
        sql<number>`count(*)`.as('messages'),
        sql<number>`sum(case when author = 'customer' then 1 else 0 end)`.as('customer_messages'),
        sql<number>`sum(case when is_complaint = 1 then 1 else 0 end)`.as('complaints'),
        sql<number>`sum(case when author = 'customer' and sentiment_label = 'negative' then 1 else 0 end)`.as(
          'negative_messages',
        ),
      ])
      .where('conversation_id', 'in', (eb) =>
        eb.selectFrom('conversations').select('conversations.id').where('conversations.customer_id', '=', customerId),
      )
      .groupBy('conversation_id');
    const rows = await this.db
      .selectFrom('conversations as c')
      .leftJoin(counts.as('m'), 'm.conversation_id', 'c.id')
      .select([
        'c.id',
        'c.channel_id',
        'c.started_at',
        'c.last_activity_at',
        'm.messages',
        'm.customer_messages',
        'm.complaints',
        'm.negative_messages',
      ])
      .where('c.customer_id', '=', customerId)
      .orderBy('c.last_activity_at', 'desc')
      .orderBy('c.id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      channelId: row.channel_id,
      startedAt: row.started_at,
      lastActivityAt: row.last_activity_at,
      messages: n(row.messages),
      customerMessages: n(row.customer_messages),
      complaints: n(row.complaints),
      negativeMessages: n(row.negative_messages),
    }));
  }

  /** Every ticket of the customer, newest first. */
  async tickets(customerId: number): Promise<ProfileTicket[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select([
        'reference',
        'conversation_id',
        'subject',
        'category',
        'status',
        'priority',
        'created_at',
        'solved_at',
        'csat_rating',
        'csat_comment',
      ])
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      reference: row.reference,
      conversationId: row.conversation_id,
      subject: row.subject,
      category: row.category,
      status: row.status,
      priority: row.priority,
      createdAt: row.created_at,
      solvedAt: row.solved_at,
      csatRating: row.csat_rating,
      csatComment: row.csat_comment,
    }));
  }
}
