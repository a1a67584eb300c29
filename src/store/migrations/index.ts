import type { Migration } from 'kysely';
import * as m001 from './001-bot-state.ts';
import * as m002 from './002-conversations.ts';
import * as m003 from './003-directline.ts';
import * as m004 from './004-message-analysis.ts';
import * as m005 from './005-tickets.ts';
import * as m006 from './006-handoffs.ts';
import * as m007 from './007-directline-turns.ts';
import * as m008 from './008-message-kinds.ts';
import * as m009 from './009-suggestion-decisions.ts';
import * as m010 from './010-knowledge-changes.ts';
import * as m011 from './011-audit-events.ts';
import * as m012 from './012-redactions.ts';
import * as m013 from './013-customer-erasure.ts';
import * as m014 from './014-report-indexes.ts';
import * as m015 from './015-customer-health-indexes.ts';
import * as m016 from './016-rate-limit-windows.ts';
import * as m017 from './017-report-covering-indexes.ts';

/**
 * Every migration, in order. Names sort lexically, so keep the zero-padded prefix.
 * A migration that has shipped is never edited: add a new one.
 *
 * Each runs on SQLite and on PostgreSQL (in one transaction there), so a new one:
 * - builds with `db.schema` (tables, columns, indexes, partial indexes with `.where(...)`,
 *   `.check(sql\`...\`)` over plain comparisons and `in (...)` lists); raw `sql` only for data
 *   (`insert`, `update`) in SQL both databases speak;
 * - ids: `.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())` (an identity on
 *   PostgreSQL, by `portableMigrations` in `dialect.ts`); other columns `text`, `integer` or `real`
 *   (a `double precision` on PostgreSQL); booleans as `integer` 0/1, timestamps as ISO-8601 `text`;
 * - defaults are literals or `nowText(db)`, never a SQLite function (`strftime`, `datetime`, ...);
 * - needs no SQLite-only statement (`pragma`, `insert or ignore`, `replace into`, a trigger body)
 *   nor a PostgreSQL-only type (`jsonb`, `timestamptz`, `serial`, arrays);
 * - renames or drops a column only with `alterTable` (SQLite 3.35+ has both).
 * `test/store/sqlite-schema.test.ts` pins SQLite's schema of 001-010; `npm run test:postgres` runs them on PostgreSQL.
 */
export const migrations: Record<string, Migration> = {
  '001-bot-state': m001,
  '002-conversations': m002,
  '003-directline': m003,
  '004-message-analysis': m004,
  '005-tickets': m005,
  '006-handoffs': m006,
  '007-directline-turns': m007,
  '008-message-kinds': m008,
  '009-suggestion-decisions': m009,
  '010-knowledge-changes': m010,
  '011-audit-events': m011,
  '014-report-indexes': m014,
  '015-customer-health-indexes': m015,
  '013-customer-erasure': m013,
  '012-redactions': m012,
  '016-rate-limit-windows': m016,
  '017-report-covering-indexes': m017,
};
