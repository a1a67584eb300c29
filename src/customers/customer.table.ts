import type { Generated } from 'kysely';

/** Row of `customers`. */
export interface CustomerTable {
  id: Generated<number>;
  name: string | null;
  email: string | null;
  first_seen_at: string;
  last_seen_at: string;
  /** When the customer was erased on request (migration 013); null for everyone else. */
  erased_at: Generated<string | null>;
}

/** Row of `customer_identities`: a channel's user id belonging to a customer. */
export interface CustomerIdentityTable {
  channel_id: string;
  channel_user_id: string;
  customer_id: number;
}
