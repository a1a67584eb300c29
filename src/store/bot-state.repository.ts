import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';

/** A stored state object with its current eTag. */
export interface StoredState {
  readonly data: string;
  readonly etag: string;
}

/**
 * Persistence for botbuilder state objects, keyed by the storage key botbuilder computes.
 * Conditional writes are single SQL statements, so two processes on one database cannot both win.
 */
export class BotStateRepository {
  constructor(private readonly db: Db) {}

  async read(keys: readonly string[]): Promise<Map<string, StoredState>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('bot_state')
      .select(['key', 'data', 'etag'])
      .where('key', 'in', [...keys])
      .execute();
    return new Map(rows.map((r) => [r.key, { data: r.data, etag: r.etag }]));
  }

  /**
   * Writes `data` under `key`. With `expectedEtag`, an existing row is only replaced when its eTag
   * still matches; returns the new eTag, or `undefined` when the row changed in the meantime.
   */
  async write(key: string, data: string, expectedEtag?: string): Promise<string | undefined> {
    const etag = randomUUID();
    const now = new Date().toISOString();
    const result = await this.db
      .insertInto('bot_state')
      .values({ key, data, etag, updated_at: now })
      .onConflict((oc) => {
        const update = oc.column('key').doUpdateSet({ data, etag, updated_at: now });
        return expectedEtag === undefined ? update : update.where('bot_state.etag', '=', expectedEtag);
      })
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 0n ? undefined : etag;
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .deleteFrom('bot_state')
      .where('key', 'in', [...keys])
      .execute();
  }
}
