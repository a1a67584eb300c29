import type { Db } from '../store/database.ts';
import { countDeleted, deleteTranscripts } from './retention-conversation-rows.ts';

/** Direct Line conversations looked at per batch. */
const PER_BATCH = 20;

/**
 * Direct Line conversations with no `conversations` row (the bot never stored a turn for them)
 * created before the cutoff and with no activity since.
 */
export async function deleteUnusedDirectLine(trx: Db, cutoff: string, limit: number): Promise<number> {
  const unused = await trx
    .selectFrom('directline_conversation')
    .select('id')
    .where('created_at', '<', cutoff)
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb.selectFrom('conversations').select('id').whereRef('conversations.id', '=', 'directline_conversation.id'),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('directline_activity')
              .select('seq')
              .whereRef('directline_activity.conversation_id', '=', 'directline_conversation.id')
              .where('directline_activity.created_at', '>=', cutoff),
          ),
        ),
      ]),
    )
    .limit(PER_BATCH)
    .execute();
  const ids = unused.map((u) => u.id);
  return ids.length === 0 ? 0 : deleteTranscripts(trx, ids as [string, ...string[]], limit);
}

/** Customers not seen since the cutoff with nothing left that refers to them (their identities go with them). */
export async function deleteLeftCustomers(trx: Db, cutoff: string, limit: number): Promise<number> {
  const alone = trx
    .selectFrom('customers')
    .select('id')
    .where('last_seen_at', '<', cutoff)
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb.selectFrom('conversations').select('id').whereRef('conversations.customer_id', '=', 'customers.id'),
          ),
        ),
        eb.not(eb.exists(eb.selectFrom('messages').select('id').whereRef('messages.customer_id', '=', 'customers.id'))),
        eb.not(eb.exists(eb.selectFrom('tickets').select('id').whereRef('tickets.customer_id', '=', 'customers.id'))),
        eb.not(
          eb.exists(
            eb
              .selectFrom('handoff_requests')
              .select('id')
              .whereRef('handoff_requests.customer_id', '=', 'customers.id'),
          ),
        ),
      ]),
    )
    .orderBy('id')
    .limit(limit);
  const ids = (await alone.execute()).map((c) => c.id);
  if (ids.length === 0) return 0;
  await trx.deleteFrom('customer_identities').where('customer_id', 'in', ids).execute();
  return countDeleted(await trx.deleteFrom('customers').where('id', 'in', ids).execute());
}
