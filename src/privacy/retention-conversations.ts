import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../store/database.ts';
import type { Database } from '../store/schema.ts';
import { conversationStateKey } from './customer-scope.ts';
import type { RetentionRule } from './retention-rule.ts';

/** Conversations taken per batch; their rows are then deleted up to the batch's row limit. */
const CONVERSATIONS_PER_BATCH = 20;
const CLOSED_STATUSES = ['solved', 'closed'] as const;

type ConversationFilter = (
  eb: ExpressionBuilder<Database, 'conversations'>,
  cutoff: string,
) => ReturnType<ExpressionBuilder<Database, 'conversations'>['and']>;

/**
 * Conversations that never became a ticket, silent since before the cutoff, with everything
 * stored under them; also Direct Line conversations that never reached the bot (a token was
 * generated, nothing stored as a conversation) and customers left with nothing.
 */
export function botOnlyConversations(days: number): RetentionRule {
  return {
    name: 'bot-only conversations',
    days,
    async deleteBatch(trx, cutoff, limit) {
      const deleted = await deleteConversations(trx, cutoff, limit, (eb, at) =>
        eb.and([
          eb('last_activity_at', '<', at),
          eb.not(
            eb.exists(
              eb
                .selectFrom('tickets')
                .select('tickets.id')
                .whereRef('tickets.conversation_id', '=', 'conversations.id'),
            ),
          ),
        ]),
      );
      if (deleted > 0) return deleted;
      const lines = await deleteUnusedDirectLine(trx, cutoff, limit);
      return lines > 0 ? lines : deleteLeftCustomers(trx, cutoff, limit);
    },
  };
}

/** Conversations whose tickets are all solved or closed since before the cutoff, silent since then too. */
export function solvedTicketConversations(days: number): RetentionRule {
  return {
    name: 'conversations with solved tickets',
    days,
    deleteBatch: (trx, cutoff, limit) =>
      deleteConversations(trx, cutoff, limit, (eb, at) =>
        eb.and([
          eb('last_activity_at', '<', at),
          eb.exists(
            eb.selectFrom('tickets').select('tickets.id').whereRef('tickets.conversation_id', '=', 'conversations.id'),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('tickets')
                .select('tickets.id')
                .whereRef('tickets.conversation_id', '=', 'conversations.id')
                .where((t) =>
                  t.or([
                    t('tickets.status', 'not in', CLOSED_STATUSES),
                    t(t.fn.coalesce('tickets.solved_at', 'tickets.updated_at'), '>=', at),
                  ]),
                ),
            ),
          ),
        ]),
      ),
  };
}

/**
 * One batch: up to {@link CONVERSATIONS_PER_BATCH} expired conversations, then their rows,
 * children before parents, at most `limit` rows in all; a conversation row goes last, once
 * nothing refers to it. A conversation left half-deleted by the limit is still expired, so the
 * next batch carries on with it.
 */
async function deleteConversations(
  trx: Db,
  cutoff: string,
  limit: number,
  expired: ConversationFilter,
): Promise<number> {
  const conversations = await trx
    .selectFrom('conversations')
    .select(['id', 'channel_id'])
    .where((eb) => expired(eb, cutoff))
    .orderBy('last_activity_at')
    .limit(CONVERSATIONS_PER_BATCH)
    .execute();
  if (conversations.length === 0) return 0;
  const ids = conversations.map((c) => c.id) as [string, ...string[]];
  const tickets = trx.selectFrom('tickets').select('id').where('conversation_id', 'in', ids);
  let left = limit;
  const steps: Array<(n: number) => Promise<number>> = [
    async (n) =>
      count(
        await trx
          .deleteFrom('notifications_outbox')
          .where(
            'id',
            'in',
            trx.selectFrom('notifications_outbox').select('id').where('ticket_id', 'in', tickets).limit(n),
          )
          .execute(),
      ),
    async (n) =>
      count(
        await trx
          .deleteFrom('ticket_events')
          .where('id', 'in', trx.selectFrom('ticket_events').select('id').where('ticket_id', 'in', tickets).limit(n))
          .execute(),
      ),
    async () => count(await trx.deleteFrom('handoffs').where('conversation_id', 'in', ids).execute()),
    async (n) =>
      count(
        await trx
          .deleteFrom('handoff_requests')
          .where(
            'id',
            'in',
            trx.selectFrom('handoff_requests').select('id').where('conversation_id', 'in', ids).limit(n),
          )
          .execute(),
      ),
    async (n) =>
      count(
        await trx
          .deleteFrom('messages')
          .where('id', 'in', trx.selectFrom('messages').select('id').where('conversation_id', 'in', ids).limit(n))
          .execute(),
      ),
    async () =>
      count(
        await trx
          .deleteFrom('tickets')
          .where('conversation_id', 'in', ids)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb.selectFrom('ticket_events').select('id').whereRef('ticket_events.ticket_id', '=', 'tickets.id'),
              ),
            ),
          )
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('notifications_outbox')
                  .select('id')
                  .whereRef('notifications_outbox.ticket_id', '=', 'tickets.id'),
              ),
            ),
          )
          .execute(),
      ),
    (n) => deleteTranscripts(trx, ids, n),
    async () =>
      count(
        await trx
          .deleteFrom('bot_state')
          .where(
            'key',
            'in',
            conversations.map((c) => conversationStateKey(c.channel_id, c.id)),
          )
          .execute(),
      ),
  ];
  for (const step of steps) {
    if (left <= 0) return limit;
    left -= await step(left);
  }
  return limit - left + (await deleteEmptyConversations(trx, ids));
}

/** Up to `limit` transcript activities of these conversations, then the Direct Line conversations left empty. */
async function deleteTranscripts(trx: Db, ids: readonly [string, ...string[]], limit: number): Promise<number> {
  // directline_activity's key is (conversation_id, seq): delete each conversation's lowest seqs.
  const rows = await trx
    .selectFrom('directline_activity')
    .select(['conversation_id', 'seq'])
    .where('conversation_id', 'in', ids)
    .orderBy('conversation_id')
    .orderBy('seq')
    .limit(limit)
    .execute();
  let deleted = 0;
  for (const id of new Set(rows.map((r) => r.conversation_id))) {
    const last = Math.max(...rows.filter((r) => r.conversation_id === id).map((r) => r.seq));
    deleted += count(
      await trx.deleteFrom('directline_activity').where('conversation_id', '=', id).where('seq', '<=', last).execute(),
    );
  }
  if (deleted >= limit) return deleted;
  return (
    deleted +
    count(
      await trx
        .deleteFrom('directline_conversation')
        .where('id', 'in', ids)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('directline_activity')
                .select('seq')
                .whereRef('directline_activity.conversation_id', '=', 'directline_conversation.id'),
            ),
          ),
        )
        .execute(),
    )
  );
}

/** The conversation rows nothing refers to any more. */
async function deleteEmptyConversations(trx: Db, ids: readonly [string, ...string[]]): Promise<number> {
  return count(
    await trx
      .deleteFrom('conversations')
      .where('id', 'in', ids)
      .where((eb) =>
        eb.and([
          eb.not(
            eb.exists(
              eb.selectFrom('messages').select('id').whereRef('messages.conversation_id', '=', 'conversations.id'),
            ),
          ),
          eb.not(
            eb.exists(
              eb.selectFrom('tickets').select('id').whereRef('tickets.conversation_id', '=', 'conversations.id'),
            ),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('handoff_requests')
                .select('id')
                .whereRef('handoff_requests.conversation_id', '=', 'conversations.id'),
            ),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('handoffs')
                .select('ticket_id')
                .whereRef('handoffs.conversation_id', '=', 'conversations.id'),
            ),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('directline_conversation')
                .select('id')
                .whereRef('directline_conversation.id', '=', 'conversations.id'),
            ),
          ),
        ]),
      )
      .execute(),
  );
}

/**
 * Direct Line conversations with no `conversations` row (the bot never stored a turn for them)
 * created before the cutoff and with no activity since.
 */
async function deleteUnusedDirectLine(trx: Db, cutoff: string, limit: number): Promise<number> {
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
    .limit(CONVERSATIONS_PER_BATCH)
    .execute();
  const ids = unused.map((u) => u.id);
  return ids.length === 0 ? 0 : deleteTranscripts(trx, ids as [string, ...string[]], limit);
}

/** Customers not seen since the cutoff with nothing left that refers to them (their identities go with them). */
async function deleteLeftCustomers(trx: Db, cutoff: string, limit: number): Promise<number> {
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
  return count(await trx.deleteFrom('customers').where('id', 'in', ids).execute());
}

function count(results: ReadonlyArray<{ numDeletedRows: bigint }>): number {
  return results.reduce((n, r) => n + Number(r.numDeletedRows), 0);
}
