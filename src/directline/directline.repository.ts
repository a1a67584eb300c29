import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../store/database.ts';
import type { Database } from '../store/schema.ts';
import { Transactor } from '../store/transactor.ts';
import type { DirectLineConversationTable } from './directline.table.ts';
import { activityId, seqOfActivityId } from './directline-activity.ts';
import { offeredActionsOf } from './offered-actions.ts';

/** One stored transcript entry: its watermark and the activity JSON. */
export interface StoredActivity {
  readonly seq: number;
  readonly activity: string;
}

/** A stored activity the bot still owes a turn. */
export interface OwedTurn extends StoredActivity {
  readonly conversationId: string;
}

/** What to store with an appended activity besides its JSON. */
export interface AppendOptions {
  /** True for a customer's activity: the bot owes it a turn until {@link DirectLineRepository.markTurnDone}. */
  readonly turnOwed: boolean;
  /** The client's id for the post; a second append with the same one stores nothing. */
  readonly clientActivityId?: string | undefined;
  /** For the bot's activities: the id of the activity they answer. */
  readonly replyToId?: string | undefined;
  /** What redaction masked in the stored activity (`redactionsColumn`), if anything. */
  readonly redactions?: string | null | undefined;
}

export type AppendResult =
  | { readonly kind: 'appended'; readonly seq: number }
  /** The client already posted this activity: the stored one, and whether its turn has finished. */
  | { readonly kind: 'duplicate'; readonly seq: number; readonly activity: string; readonly turnDone: boolean }
  | { readonly kind: 'not-found' };

/**
 * The only place that reads and writes the Direct Line tables.
 *
 * Appending allocates the next `seq` and inserts the row in one transaction that first bumps the
 * conversation's `last_seq`: the row lock orders concurrent appends, so a reader never sees seq N+1
 * committed before seq N (which would make a client's watermark skip N).
 */
export class DirectLineRepository {
  readonly #transactor: Transactor;
  private readonly db: Db;

  /**
   * On a `Transactor`, every query joins the caller's `transactor.run` (a Direct Line turn's
   * replies commit with the rest of the turn); on a plain database, each append is its own transaction.
   */
  constructor(store: Db | Transactor) {
    this.#transactor = store instanceof Transactor ? store : new Transactor(store);
    this.db = this.#transactor.db;
  }

  async createConversation(
    id: string,
    userId: string,
    userName: string | undefined,
    userBound: boolean,
    at: string,
  ): Promise<void> {
    await this.db
      .insertInto('directline_conversation')
      .values({
        id,
        user_id: userId,
        user_name: userName ?? null,
        user_bound: userBound ? 1 : 0,
        started_at: null,
        last_seq: 0,
        created_at: at,
      })
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
   * Appends the activity that `build(seq)` returns under the next seq of the conversation, unless
   * the conversation already holds one with the same client activity id (a retried post).
   *
   * The check and the insert share one write transaction (SQLite's `begin immediate` serialises
   * them across processes), or join the caller's; the unique index on (conversation, client id)
   * backs it up anyway.
   */
  async append(
    conversationId: string,
    build: (seq: number) => string,
    at: string,
    options: AppendOptions,
  ): Promise<AppendResult> {
    const { clientActivityId } = options;
    try {
      return await this.#transactor.run(async (): Promise<AppendResult> => {
        const trx = this.db;
        if (clientActivityId !== undefined) {
          const existing = await findByClientId(trx, conversationId, clientActivityId);
          if (existing !== undefined) return existing;
        }
        const bumped = await trx
          .updateTable('directline_conversation')
          .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
          .where('id', '=', conversationId)
          .returning('last_seq')
          .executeTakeFirst();
        if (bumped === undefined) return { kind: 'not-found' };
        const seq = Number(bumped.last_seq);
        await trx
          .insertInto('directline_activity')
          .values({
            conversation_id: conversationId,
            seq,
            activity: build(seq),
            created_at: at,
            turn_done_at: options.turnOwed ? null : at,
            client_activity_id: clientActivityId ?? null,
            reply_to_id: options.replyToId ?? null,
            redactions: options.redactions ?? null,
          })
          .execute();
        return { kind: 'appended', seq };
      });
    } catch (error) {
      // Another process stored the same post between our check and our insert.
      if (clientActivityId === undefined || !isUniqueViolation(error)) throw error;
      const existing = await findByClientId(this.db, conversationId, clientActivityId);
      if (existing === undefined) throw error;
      return existing;
    }
  }

  /**
   * Rewrites, in one transaction, every stored copy of the activity `id` (first stored at `seq`)
   * with `rewrite` (which returns the new JSON and redaction counts, or undefined to leave a copy
   * as it is), then appends one more copy under the next seq, so that clients reading on from
   * their watermark receive it and replace the activity they show (Web Chat replaces by id).
   * Later activities quoting it (the handoff event's transcript) get `rewriteQuotes`, in place.
   * Returns false when nothing changed.
   */
  async rewriteActivity(
    conversationId: string,
    id: string,
    seq: number,
    rewrite: (
      activity: string,
      redactions: string | null,
    ) => { activity: string; redactions: string | null } | undefined,
    rewriteQuotes: (activity: string) => string,
    at: string,
  ): Promise<boolean> {
    return this.#transactor.run(async () => {
      const trx = this.db;
      const rows = await trx
        .selectFrom('directline_activity')
        .select(['seq', 'activity', 'redactions'])
        .where('conversation_id', '=', conversationId)
        .where('seq', '>=', seq)
        .orderBy('seq')
        .execute();
      let latest: { activity: string; redactions: string | null } | undefined;
      for (const row of rows) {
        if (Number(row.seq) !== seq && (JSON.parse(row.activity) as { id?: unknown }).id !== id) {
          const quoted = rewriteQuotes(row.activity);
          if (quoted !== row.activity)
            await trx
              .updateTable('directline_activity')
              .set({ activity: quoted })
              .where('conversation_id', '=', conversationId)
              .where('seq', '=', row.seq)
              .execute();
          continue;
        }
        const next = rewrite(row.activity, row.redactions);
        if (next === undefined) continue;
        await trx
          .updateTable('directline_activity')
          .set(next)
          .where('conversation_id', '=', conversationId)
          .where('seq', '=', row.seq)
          .execute();
        latest = next;
      }
      if (latest === undefined) return false;
      const bumped = await trx
        .updateTable('directline_conversation')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', '=', conversationId)
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('directline_activity')
        .values({
          conversation_id: conversationId,
          seq: Number(bumped.last_seq),
          activity: latest.activity,
          created_at: at,
          turn_done_at: at,
          client_activity_id: null,
          reply_to_id: null,
          redactions: latest.redactions,
        })
        .execute();
      return true;
    });
  }

  /**
   * Calls `callback` once what the caller wrote here has committed (at once outside a transaction):
   * a stream must never show an activity whose turn is then rolled back.
   */
  afterCommit(callback: () => void): void {
    this.#transactor.afterCommit(callback);
  }

  /** Records that the bot's turn for an activity has finished. */
  async markTurnDone(conversationId: string, seq: number, at: string): Promise<void> {
    await this.db
      .updateTable('directline_activity')
      .set({ turn_done_at: at })
      .where('conversation_id', '=', conversationId)
      .where('seq', '=', seq)
      .where('turn_done_at', 'is', null)
      .execute();
  }

  /** Activities the bot still owes a turn, by conversation and then seq, at most `limit`. */
  async owedTurns(limit: number): Promise<OwedTurn[]> {
    const rows = await this.db
      .selectFrom('directline_activity')
      .select(['conversation_id', 'seq', 'activity'])
      .where('turn_done_at', 'is', null)
      .orderBy('conversation_id')
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ conversationId: row.conversation_id, seq: Number(row.seq), activity: row.activity }));
  }

  /** Whether the transcript holds an activity (the bot's) that answers `activityId`. */
  async hasReplyTo(conversationId: string, activityId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('directline_activity')
      .select('seq')
      .where('conversation_id', '=', conversationId)
      .where('reply_to_id', '=', activityId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The button labels of the conversation's activities `activityIds` (ids this server made, see
   * `activityId`), keyed by id; ids of other channels, unknown seqs and activities without buttons
   * are left out. Serves the agents' transcript (`OfferedActionsReader` in src/tickets).
   */
  async offeredActions(
    conversationId: string,
    activityIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly string[]>> {
    const bySeq = new Map<number, string>();
    for (const id of activityIds) {
      const seq = seqOfActivityId(id);
      if (seq !== undefined && id === activityId(conversationId, seq)) bySeq.set(seq, id);
    }
    const offered = new Map<string, readonly string[]>();
    if (bySeq.size === 0) return offered;
    const rows = await this.db
      .selectFrom('directline_activity')
      .select(['seq', 'activity'])
      .where('conversation_id', '=', conversationId)
      .where('seq', 'in', [...bySeq.keys()])
      .execute();
    for (const row of rows) {
      const labels = offeredActionsOf(row.activity);
      const id = bySeq.get(Number(row.seq));
      if (id !== undefined && labels.length > 0) offered.set(id, labels);
    }
    return offered;
  }

  /** Conversations that were started but whose greeting turn never finished. */
  async owedStartTurns(): Promise<Array<Selectable<DirectLineConversationTable>>> {
    return this.db
      .selectFrom('directline_conversation')
      .selectAll()
      .where('started_at', 'is not', null)
      .where('start_turn_done_at', 'is', null)
      .orderBy('started_at')
      .execute();
  }

  async markStartTurnDone(conversationId: string, at: string): Promise<void> {
    await this.db
      .updateTable('directline_conversation')
      .set({ start_turn_done_at: at })
      .where('id', '=', conversationId)
      .where('start_turn_done_at', 'is', null)
      .execute();
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

async function findByClientId(
  db: Kysely<Database>,
  conversationId: string,
  clientActivityId: string,
): Promise<AppendResult | undefined> {
  const row = await db
    .selectFrom('directline_activity')
    .select(['seq', 'activity', 'turn_done_at'])
    .where('conversation_id', '=', conversationId)
    .where('client_activity_id', '=', clientActivityId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { kind: 'duplicate', seq: Number(row.seq), activity: row.activity, turnDone: row.turn_done_at !== null };
}

/** A unique-constraint failure from SQLite (`SQLITE_CONSTRAINT`… UNIQUE) or PostgreSQL (23505). */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === '23505' || (code === 'SQLITE_CONSTRAINT' && typeof message === 'string' && message.includes('UNIQUE'))
  );
}
