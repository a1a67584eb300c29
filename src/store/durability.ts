import { sql } from 'kysely';
import type { Db } from './database.ts';
import { isPostgres } from './dialect.ts';
import type { SqliteSynchronous } from './sqlite-synchronous.ts';

/** The `sequences` row every durable commit bumps, so that it always writes a WAL frame. */
const SYNC_SEQUENCE = 'durable_sync';

/**
 * Makes what the server has committed durable before it tells a client about it
 * (`DATABASE_SYNCHRONOUS=request`; in `full` and `normal` it does nothing, see `sqlite-synchronous.ts`;
 * on PostgreSQL it does nothing either: a commit there is durable when it returns).
 *
 * {@link sync} holds the database's only connection (the driver lends it to one query or
 * transaction at a time), switches it to `synchronous = FULL`, commits a write, and switches it
 * back to `NORMAL`. SQLite in WAL mode fsyncs the WAL at a FULL commit; the WAL is append-only
 * and recovery replays it as a prefix, so that fsync makes every earlier commit, of this request
 * and of any other, durable too. SQLite refuses to change `synchronous` inside a transaction,
 * and nothing else can run on the connection meanwhile, so the commit cannot run under NORMAL.
 * The write (a counter in `sequences`) is there because a commit that changes nothing writes no
 * WAL frame and so syncs nothing.
 *
 * Calls that find no change since the last sync (SQLite's `total_changes()` of the connection)
 * return at once, so concurrent requests share one fsync.
 *
 * @example
 * await turns.post(claims, activity);
 * await durability.sync(); // only now may the 2xx go out
 */
export class Durability {
  /** `total_changes()` right after the last durable commit; every change up to it is on disk. */
  #syncedChanges: number | undefined;

  constructor(
    private readonly db: Db,
    readonly mode: SqliteSynchronous,
  ) {}

  /** Resolves once every commit made so far survives an OS crash or power loss (in `request` mode). */
  async sync(): Promise<void> {
    if (this.mode !== 'request' || isPostgres(this.db)) return;
    await this.db.connection().execute(async (connection) => {
      const before = await totalChanges(connection);
      if (before === this.#syncedChanges) return;
      await sql`pragma synchronous = full`.execute(connection);
      try {
        await connection.transaction().execute((trx) =>
          trx
            .insertInto('sequences')
            .values({ name: SYNC_SEQUENCE, value: 1 })
            .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('sequences.value', '+', 1) })))
            .execute(),
        );
      } finally {
        // If this fails the connection stays FULL: slower, never less durable.
        await sql`pragma synchronous = normal`.execute(connection);
      }
      this.#syncedChanges = await totalChanges(connection);
    });
  }
}

async function totalChanges(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return Number(rows[0]?.n);
}
