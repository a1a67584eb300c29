import type { Db } from './database.ts';

/** Named counters; every `next` inside a transaction is unique across processes sharing the database. */
export class SequenceRepository {
  constructor(private readonly db: Db) {}

  /**
   * Increments the counter and returns its new value, in one statement.
   *
   * @throws Error when the sequence does not exist (a migration creates each one).
   */
  async next(name: string): Promise<number> {
    const row = await this.db
      .updateTable('sequences')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', name)
      .returning('value')
      .executeTakeFirst();
    if (row === undefined) throw new Error(`The sequence "${name}" does not exist`);
    return row.value;
  }
}
