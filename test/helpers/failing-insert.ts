import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../../src/store/dialect.ts';

/**
 * Makes the database refuse inserts into `table` (the rows for which `when`, SQL over `new`, holds)
 * with an error whose message contains `message`, on SQLite (a trigger that raises) or PostgreSQL
 * (a trigger function that raises); resolves to the undo. The arguments are the test's own constants.
 *
 * @example
 * const restore = await failInserts(db, 'notifications_outbox', 'outbox down');
 */
export async function failInserts<DB>(
  db: Kysely<DB>,
  table: string,
  message: string,
  when = '1 = 1',
): Promise<() => Promise<void>> {
  const name = sql.raw(`${table}_fails`);
  const target = sql.raw(table);
  const condition = sql.raw(when);
  const text = sql.raw(`'${message.replaceAll("'", "''")}'`);
  if (isPostgres(db)) {
    await sql`create function ${name}() returns trigger language plpgsql as $$ begin raise exception ${text}; end $$`.execute(
      db,
    );
    await sql`create trigger ${name} before insert on ${target} for each row when (${condition}) execute function ${name}()`.execute(
      db,
    );
    return async () => {
      await sql`drop trigger ${name} on ${target}`.execute(db);
      await sql`drop function ${name}()`.execute(db);
    };
  }
  await sql`create trigger ${name} before insert on ${target} when ${condition} begin select raise(abort, ${text}); end`.execute(
    db,
  );
  return async () => {
    await sql`drop trigger ${name}`.execute(db);
  };
}
