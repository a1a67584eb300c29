import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL spell SQL differently, in one file, so that every
 * repository and migration is written once for both (issue 19). Everything else goes through
 * Kysely's builder, which both dialects compile.
 *
 * Timestamps are ISO-8601 UTC text (`2026-12-07T12:38:46.123Z`) on both databases: they sort and
 * compare as text, and JavaScript writes them with `new Date().toISOString()`.
 */
export function isPostgres(db: Kysely<unknown> | Kysely<never>): boolean {
  return (db as Kysely<unknown>).getExecutor().adapter instanceof PostgresAdapter;
}

/** SQL for "now" as ISO-8601 UTC text with milliseconds, the format of every stored timestamp. */
export function nowText(db: Kysely<unknown> | Kysely<never>): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
    : sql<string>`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
}

/** SQL for the seconds from one stored ISO timestamp to another (fractional; null when either is null). */
export function secondsBetween(
  db: Kysely<unknown> | Kysely<never>,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number | null> {
  return isPostgres(db)
    ? sql<number | null>`(extract(epoch from (${to})::timestamptz) - extract(epoch from (${from})::timestamptz))`
    : sql<number | null>`((julianday(${to}) - julianday(${from})) * 86400.0)`;
}
