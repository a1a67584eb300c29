import type { Selectable } from 'kysely';
import type { Db } from '../store/database.ts';
import type { DirectLineConversationTable } from './directline.table.ts';

/** One stored transcript entry: its watermark and the activity JSON. */
export interface StoredActivity {
  readonly seq: number;
  readonly activity: string;
}

/**
 * The only place that reads and writes the Direct Line tables.
 *
 * Appending allocates the next `seq` and inserts the row in one transaction that first bumps the
 * conversation's `last_seq`: the row lock orders concurrent appends, so a reader never sees seq N+1
 * committed before seq N (which would make a client's watermark skip N).
 */
export class DirectLineRepository {
  constructor(private readonly db: Db) {}

  async createConversation(id: string, userId: string, userName: string | undefined, at: string): Promise<void> {
    await this.db
      .insertInto('directline_conversation')
      .values({ id, user_id: userId, user_name: userName ?? null, started_at: null, last_seq: 0, created_at: at })
      .execute();
  }

  async findConversation(id: string): Promise<Selectable<DirectLineConversationTable> | undefined> {
    return this.db.selectFrom('directline_conversation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Marks the conversation started; true only for the one call that actually started it. */
  async markStarted(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('directline_conversation')
      .set({ started_at: at })
      .where('id', '=', id)
      .where('started_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /**
   * Appends the activity that `build(seq)` returns under the next seq of the conversation.
   * Returns the seq, or `undefined` when the conversation does not exist.
   */
  async append(conversationId: string, build: (seq: number) => string, at: string): Promise<number | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable('directline_conversation')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', '=', conversationId)
        .returning('last_seq')
        .executeTakeFirst();
      if (bumped === undefined) return undefined;
      const seq = Number(bumped.last_seq);
      await trx
        .insertInto('directline_activity')
        .values({ conversation_id: conversationId, seq, activity: build(seq), created_at: at })
        .execute();
      return seq;
    });
  }

  /** Activities with a seq greater than `afterSeq`, oldest first, at most `limit`. */
  async activitiesAfter(conversationId: string, afterSeq: number, limit: number): Promise<StoredActivity[]> {
    return this.db
      .selectFrom('directline_activity')
      .select(['seq', 'activity'])
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  async readKey(name: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('directline_key').select('value').where('name', '=', name).executeTakeFirst();
    return row?.value;
  }

  /** Stores `value` under `name` unless a value is already there; returns the value that is stored. */
  async insertKeyIfAbsent(name: string, value: string, at: string): Promise<string> {
    await this.db
      .insertInto('directline_key')
      .values({ name, value, created_at: at })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const stored = await this.readKey(name);
    if (stored === undefined) throw new Error(`directline_key "${name}" vanished right after it was written`);
    return stored;
  }
}
