import type { Kysely } from 'kysely';

/**
 * A customer erased on request (`answerdesk customer erase`, issue 18): `customers.erased_at` is
 * when. The row stays, anonymised (no name, no email, no identities), because tickets keep a
 * customer id for reports; the column tells the export and the CRM that it is nobody now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').addColumn('erased_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('erased_at').execute();
}
