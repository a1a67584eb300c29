import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { PortableSchemaPlugin } from './portable-schema.plugin.ts';

/**
 * The few places where SQLite and PostgreSQL spell SQL differently, in one file, so that every
 * repository and migration is written once for both (issue 19). Everything else goes through
 * Kysely's builder, which both dialects compile.
 *
 * Timestamps are ISO-8601 UTC text (`2026-12-07T12:38:46.123Z`) on both databases: they sort and
 * compare as text, and JavaScript writes them with `new Date().toISOString()`.
 */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** SQL for "now" as ISO-8601 UTC text with milliseconds, the format of every stored timestamp. */
export function nowText<DB>(db: Kysely<DB>): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
    : sql<string>`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
}

/** SQL for the seconds from one stored ISO timestamp to another (fractional; null when either is null). */
export function secondsBetween<DB>(
  db: Kysely<DB>,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number | null> {
  return isPostgres(db)
    ? sql<number | null>`(extract(epoch from (${to})::timestamptz) - extract(epoch from (${from})::timestamptz))`
    : sql<number | null>`((julianday(${to}) - julianday(${from})) * 86400.0)`;
}

/**
 * `db` for running migrations: on PostgreSQL, the schema builder's `.autoIncrement()` becomes an
 * identity column and `real` a `double precision` ({@link PortableSchemaPlugin}); on SQLite, `db`
 * unchanged, so SQLite's schema is exactly what the migrations always produced.
 */
export function portableMigrations<DB>(db: Kysely<DB>): Kysely<DB> {
  return isPostgres(db) ? db.withPlugin(new PortableSchemaPlugin()) : db;
}

/**
 * The case-insensitive LIKE operator (for `sql.raw`): SQLite's `like` already ignores ASCII case,
 * PostgreSQL's does not, its `ilike` does.
 */
export function caseInsensitiveLike<DB>(db: Kysely<DB>): 'like' | 'ilike' {
  return isPostgres(db) ? 'ilike' : 'like';
}
