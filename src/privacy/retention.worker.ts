import type { Logger } from '../logging/logger.ts';
import type { Db } from '../store/database.ts';
import type { RetentionRule } from './retention-rule.ts';

const DAY_MS = 86_400_000;
/** Rows deleted per transaction: short enough that a turn waiting for the database hardly notices. */
const DEFAULT_BATCH_SIZE = 200;
/** Every this many batches of one rule, a progress line. */
const PROGRESS_EVERY = 10;
/** The first pass waits this long after start, so it does not compete with a server's warm-up. */
const FIRST_PASS_DELAY_MS = 30_000;

export interface RetentionWorkerOptions {
  readonly logger: Logger;
  /** Time between passes. */
  readonly everyMs: number;
  readonly batchSize?: number;
  readonly clock?: () => Date;
}

/** What one rule deleted in one pass. */
export interface RetentionOutcome {
  readonly rule: string;
  readonly cutoff: string;
  readonly deleted: number;
  readonly batches: number;
}

/**
 * Deletes expired records by a list of {@link RetentionRule}s (`retention-rules.ts` builds the
 * product's list from `RETENTION_*`; the composition root may add more, such as the audit
 * trail's). Each batch is its own short transaction of at most `batchSize` rows, and the worker
 * yields to the event loop between batches, so a turn waiting for the database gets it between
 * two batches instead of after the whole pass. Any number of servers may run it on one database:
 * a batch re-reads what is expired inside its transaction.
 *
 * SQLite: the deleted rows' pages go to the file's free list and are reused by new rows (the file
 * does not shrink); the worker never runs `VACUUM` (it would hold the write lock for the whole
 * copy) and keeps no rowids between batches, so a `VACUUM` run meanwhile (a customer erase runs
 * one) changes nothing for it.
 */
export class RetentionWorker {
  readonly #batchSize: number;
  readonly #clock: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = false;

  constructor(
    private readonly db: Db,
    private readonly rules: readonly RetentionRule[],
    private readonly options: RetentionWorkerOptions,
  ) {
    this.#batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Runs a pass shortly after start, then every `everyMs`; says once what it keeps and for how long. */
  start(): void {
    this.#stopped = false;
    this.options.logger.info(
      { rules: Object.fromEntries(this.rules.map((r) => [r.name, r.days === 0 ? 'forever' : `${r.days} days`])) },
      'retention: records are kept for',
    );
    if (this.rules.every((r) => r.days === 0)) return;
    const schedule = (ms: number): void => {
      this.#timer = setTimeout(() => {
        this.#running = this.runOnce()
          .catch((error: unknown) =>
            this.options.logger.error({ err: error }, 'retention pass failed; trying again later'),
          )
          .finally(() => {
            this.#running = undefined;
            if (!this.#stopped) schedule(this.options.everyMs);
          });
      }, ms);
      this.#timer.unref();
    };
    schedule(Math.min(FIRST_PASS_DELAY_MS, this.options.everyMs));
  }

  /** Stops scheduling; a pass in progress stops after its current batch. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** One pass over every rule, each until nothing expired is left (or the worker stops). */
  async runOnce(): Promise<RetentionOutcome[]> {
    const outcomes: RetentionOutcome[] = [];
    for (const rule of this.rules) {
      if (rule.days <= 0) continue;
      const cutoff = new Date(this.#clock().getTime() - rule.days * DAY_MS).toISOString();
      outcomes.push(await this.expire(rule, cutoff));
      if (this.#stopped) break;
    }
    return outcomes;
  }

  private async expire(rule: RetentionRule, cutoff: string): Promise<RetentionOutcome> {
    const started = performance.now();
    let deleted = 0;
    let batches = 0;
    for (;;) {
      const n = await this.db.transaction().execute((trx) => rule.deleteBatch(trx, cutoff, this.#batchSize));
      if (n === 0) break;
      deleted += n;
      batches += 1;
      if (batches % PROGRESS_EVERY === 0)
        this.options.logger.info({ rule: rule.name, deleted, batches }, 'retention: deleting expired records');
      if (this.#stopped) break;
      // Let turns queued for the database's connection run before the next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (deleted > 0)
      this.options.logger.info(
        { rule: rule.name, cutoff, deleted, batches, ms: Math.round(performance.now() - started) },
        `retention: deleted ${deleted} expired rows (${rule.name})`,
      );
    return { rule: rule.name, cutoff, deleted, batches };
  }
}
