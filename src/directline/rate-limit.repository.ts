import { sql } from 'kysely';
import type { Db } from '../store/database.ts';

/** The shared fixed-window counters (`rate_limit_windows`). */
export class RateLimitRepository {
  constructor(private readonly db: Db) {}

  /**
   * Counts one more use of `key` in the window starting at `windowStart` and returns the window's
   * count including it. One atomic upsert: concurrent processes never lose a count.
   */
  async increment(key: string, windowStart: string): Promise<number> {
    const row = await this.db
      .insertInto('rate_limit_windows')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limit_windows.count + 1` }),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return row.count;
  }

  /** Deletes the windows that started before `windowStart` (they no longer limit anything). */
  async forgetBefore(windowStart: string): Promise<number> {
    const result = await this.db
      .deleteFrom('rate_limit_windows')
      .where('window_start', '<', windowStart)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
