import type { Db } from '../store/database.ts';

/**
 * One kind of record the retention worker expires. `deleteBatch` runs in its own transaction
 * (the worker opens it) and deletes at most `limit` rows that expired before `cutoff` (an ISO
 * timestamp), dependents before what they depend on, so no row is ever left pointing at a
 * deleted one; it returns how many it deleted, 0 when nothing is left to do.
 */
export interface RetentionRule {
  /** Shown in the logs, e.g. `bot-only conversations`. */
  readonly name: string;
  /** Days kept; 0 = forever (the rule is skipped). */
  readonly days: number;
  deleteBatch(trx: Db, cutoff: string, limit: number): Promise<number>;
}
