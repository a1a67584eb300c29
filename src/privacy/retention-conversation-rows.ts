import type { Db } from '../store/database.ts';
import { conversationStateKey } from './customer-scope.ts';

/** One step of deleting conversations' rows: deletes at most `n` rows of one table, returns how many. */
export type RowStep = (n: number) => Promise<number>;

/**
 * The steps that delete everything stored under these conversations, children before parents
 * (webhook notifications and ticket events before their tickets, handoff requests before the
 * messages they point at, transcript activities before their Direct Line conversation), so that
 * stopping after any step leaves no row pointing at a deleted one.
 */
export function conversationRowSteps(
  trx: Db,
  conversations: ReadonlyArray<{ readonly id: string; readonly channel_id: string }>,
): RowStep[] {
  const ids = conversations.map((c) => c.id) as [string, ...string[]];
  const tickets = trx.selectFrom('tickets').select('id').where('conversation_id', 'in', ids);
  return [
    async (n) =>
      countDeleted(
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
      countDeleted(
        await trx
          .deleteFrom('ticket_events')
          .where('id', 'in', trx.selectFrom('ticket_events').select('id').where('ticket_id', 'in', tickets).limit(n))
          .execute(),
      ),
    async () => countDeleted(await trx.deleteFrom('handoffs').where('conversation_id', 'in', ids).execute()),
    async (n) =>
      countDeleted(
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
      countDeleted(
        await trx
          .deleteFrom('messages')
          .where('id', 'in', trx.selectFrom('messages').select('id').where('conversation_id', 'in', ids).limit(n))
          .execute(),
      ),
    async () =>
      countDeleted(
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
      countDeleted(
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
}

/** Up to `limit` transcript activities of these conversations, then the Direct Line conversations left empty. */
export async function deleteTranscripts(trx: Db, ids: readonly [string, ...string[]], limit: number): Promise<number> {
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
    deleted += countDeleted(
      await trx.deleteFrom('directline_activity').where('conversation_id', '=', id).where('seq', '<=', last).execute(),
    );
  }
  if (deleted >= limit) return deleted;
  return (
    deleted +
    countDeleted(
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
export async function deleteEmptyConversations(trx: Db, ids: readonly [string, ...string[]]): Promise<number> {
  return countDeleted(
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

/** Rows deleted by a Kysely delete's results. */
export function countDeleted(results: ReadonlyArray<{ numDeletedRows: bigint }>): number {
  return results.reduce((n, r) => n + Number(r.numDeletedRows), 0);
}
