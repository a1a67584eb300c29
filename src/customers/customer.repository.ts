import type { Selectable } from 'kysely';
import type { Db } from '../store/database.ts';
import type { CustomerTable } from './customer.table.ts';
import { type ChannelUser, type Customer, identityKey, UNVERIFIED_CHANNEL_PREFIX } from './customer.ts';

function rowToCustomer(row: Selectable<CustomerTable>): Customer {
  return { id: row.id, name: row.name, email: row.email, firstSeenAt: row.first_seen_at, lastSeenAt: row.last_seen_at };
}

/** The only place that reads and writes `customers` and `customer_identities`. */
export class CustomerRepository {
  constructor(private readonly db: Db) {}

  /**
   * Finds the customer behind a channel user id, creating one on first contact, and marks them as
   * seen now. A channel-supplied display name fills an empty name but never overwrites one. An
   * unverified user id is looked up within `conversationId` only (see {@link identityKey}).
   */
  async touch(user: ChannelUser, conversationId: string, at: string): Promise<Customer> {
    const key = identityKey(user, conversationId);
    const name = user.name?.trim() ? user.name.trim().slice(0, 200) : null;
    // A returning customer (every turn but the first): one statement finds and marks them.
    const updated = await this.db
      .updateTable('customers')
      .set((eb) => ({ last_seen_at: at, name: eb.fn.coalesce('name', eb.val(name)) }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('customer_identities')
          .select('customer_id')
          .where('channel_id', '=', key.channelId)
          .where('channel_user_id', '=', key.channelUserId),
      )
      .returningAll()
      .executeTakeFirst();
    if (updated !== undefined) return rowToCustomer(updated);
    const created = await this.db
      .insertInto('customers')
      .values({ name, email: null, first_seen_at: at, last_seen_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('customer_identities')
      .values({ channel_id: key.channelId, channel_user_id: key.channelUserId, customer_id: created.id })
      .execute();
    return rowToCustomer(created);
  }

  async findById(id: number): Promise<Customer | undefined> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : rowToCustomer(row);
  }

  /** The customer with this (already normalised) email address, if any. */
  async findByEmail(email: string): Promise<Customer | undefined> {
    const row = await this.db.selectFrom('customers').selectAll().where('email', '=', email).executeTakeFirst();
    return row === undefined ? undefined : rowToCustomer(row);
  }

  async updateContact(
    id: number,
    contact: { name?: string | null; email?: string | null; firstSeenAt?: string; lastSeenAt?: string },
  ): Promise<Customer> {
    const row = await this.db
      .updateTable('customers')
      .set({
        ...(contact.name === undefined ? {} : { name: contact.name }),
        ...(contact.email === undefined ? {} : { email: contact.email }),
        ...(contact.firstSeenAt === undefined ? {} : { first_seen_at: contact.firstSeenAt }),
        ...(contact.lastSeenAt === undefined ? {} : { last_seen_at: contact.lastSeenAt }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToCustomer(row);
  }

  /** Whether any of the customer's channel identities is verified (a bound or authenticated user id). */
  async hasVerifiedIdentity(id: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('customer_identities')
      .select('customer_id')
      .where('customer_id', '=', id)
      .where('channel_id', 'not like', `${UNVERIFIED_CHANNEL_PREFIX}%`)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Gives customer `fromId`'s channel identities to `toId` (a merge; run it in a transaction). */
  async moveIdentities(fromId: number, toId: number): Promise<void> {
    await this.db
      .updateTable('customer_identities')
      .set({ customer_id: toId })
      .where('customer_id', '=', fromId)
      .execute();
  }

  /** Deletes a customer; fails (foreign keys) while any row still references them. */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('customers').where('id', '=', id).execute();
  }
}
