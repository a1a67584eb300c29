import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../store/database.ts';
import type { Database } from '../store/schema.ts';
import { conversationRowSteps, deleteEmptyConversations } from './retention-conversation-rows.ts';
import { deleteLeftCustomers, deleteUnusedDirectLine } from './retention-leftovers.ts';
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
  let left = limit;
  for (const step of conversationRowSteps(trx, conversations)) {
    if (left <= 0) return limit;
    left -= await step(left);
  }
  return limit - left + (await deleteEmptyConversations(trx, ids));
}
