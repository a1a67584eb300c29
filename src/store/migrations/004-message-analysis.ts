import type { Kysely } from 'kysely';

/** Sentiment and complaint classification on each inbound message's feedback record. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: Array<[string, 'real' | 'text' | 'integer']> = [
    ['sentiment_score', 'real'],
    ['sentiment_comparative', 'real'],
    ['sentiment_label', 'text'],
    ['is_complaint', 'integer'],
    ['complaint_category', 'text'],
    ['complaint_severity', 'text'],
    ['complaint_confidence', 'real'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('messages').addColumn(name, type).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'sentiment_score',
    'sentiment_comparative',
    'sentiment_label',
    'is_complaint',
    'complaint_category',
    'complaint_severity',
    'complaint_confidence',
  ]) {
    await db.schema.alterTable('messages').dropColumn(name).execute();
  }
}
