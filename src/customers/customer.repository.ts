import type { Db } from '../store/database.ts';
import type { Customer, ChannelUser } from './customer.ts';
import type { CustomerTable } from './customer.table.ts';
import type { Selectable } from 'kysely';

function rowToCustomer(row: Selectable<CustomerTable>): Customer {
  return { id: row.id, name: row.name, email: row.email, firstSeenAt: row.first_seen_at, lastSeenAt: row.last_seen_at };
}

/** The only place that reads and writes `customers` and `customer_identities`. */
export class CustomerRepository {
  constructor(private readonly db: Db) {}

  /**
   * Finds the customer behind a channel user id, creating one on first contact, and marks them as
   * seen now. A channel-supplied display name fills an empty name but never overwrites one.
   */
  async touch(user: ChannelUser, at: string): Promise<Customer> {
    const identity = await this.db
      .selectFrom('customer_identities')
      .select('customer_id')
      .where('channel_id', '=', user.channelId)
      .where('channel_user_id', '=', user.userId)
      .executeTakeFirst();
    const name = user.name?.trim() ? user.name.trim().slice(0, 200) : null;
    if (identity === undefined) {
      const created = await this.db
        .insertInto('customers')
        .values({ name, email: null, first_seen_at: at, last_seen_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.db
        .insertInto('customer_identities')
        .values({ channel_id: user.channelId, channel_user_id: user.userId, customer_id: created.id })
        .execute();
      return rowToCustomer(created);
    }
    const updated = await this.db
      .updateTable('customers')
      .set((eb) => ({ last_seen_at: at, name: eb.fn.coalesce('name', eb.val(name)) }))
      .where('id', '=', identity.customer_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToCustomer(updated);
  }

  async findById(id: number): Promise<Customer | undefined> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : rowToCustomer(row);
  }
}
