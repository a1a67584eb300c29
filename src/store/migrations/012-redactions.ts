import type { Kysely } from 'kysely';

/**
 * What redaction masked in a customer's text, by type, as JSON (`{"card":1,"email":1}`), on the
 * feedback record and on the Direct Line activity; null when nothing was. Reports count from it;
 * the clear text is never stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('redactions', 'text').execute();
  await db.schema.alterTable('directline_activity').addColumn('redactions', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('directline_activity').dropColumn('redactions').execute();
  await db.schema.alterTable('messages').dropColumn('redactions').execute();
}
