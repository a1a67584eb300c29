import { sql } from 'kysely';
import type { RetentionRule } from './retention-rule.ts';

/** A table whose rows expire on their own, with nothing referencing them. */
export interface TableRetention {
  readonly name: string;
  readonly days: number;
  readonly table: string;
  /** A unique column that orders the batches (usually `id`). */
  readonly key: string;
  /** The ISO-timestamp column the period counts from. */
  readonly time: string;
  /** Only rows whose `column` holds one of `values` expire (e.g. delivered notifications, never pending ones). */
  readonly only?: { readonly column: string; readonly values: readonly [string, ...string[]] };
}

/**
 * A rule for a table of independent rows, in batches of the lowest keys. The SQL is plain
 * (`delete … where key in (select key … limit n)`), the same on SQLite and PostgreSQL, and names
 * its table at run time, so a table from another part (the audit trail's `audit_events`) gets a
 * rule without this folder knowing its row type.
 *
 * @example
 * tableRetention({ name: 'audit events', days: 365, table: 'audit_events', key: 'id', time: 'at' })
 */
export function tableRetention(spec: TableRetention): RetentionRule {
  const table = sql.table(spec.table);
  const key = sql.ref(spec.key);
  const time = sql.ref(spec.time);
  const only =
    spec.only === undefined
      ? sql``
      : sql` and ${sql.ref(spec.only.column)} in (${sql.join(spec.only.values.map((v) => sql.val(v)))})`;
  return {
    name: spec.name,
    days: spec.days,
    async deleteBatch(trx, cutoff, limit) {
      // `returning` counts the rows the same way on both databases (a raw statement's affected-row count is not reported by every driver).
      const { rows } =
        await sql`delete from ${table} where ${key} in (select ${key} from ${table} where ${time} < ${cutoff}${only} order by ${key} limit ${limit}) returning ${key}`.execute(
          trx,
        );
      return rows.length;
    },
  };
}
