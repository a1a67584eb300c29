import type { Storage, StoreItems } from 'botbuilder';
import { AppError } from '../shared/app.error.ts';
import type { BotStateRepository } from '../store/bot-state.repository.ts';

/** Thrown when a write carries an eTag that no longer matches the stored item. */
export class ETagConflictError extends AppError {
  constructor(key: string) {
    super('etag_conflict', `Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/**
 * botbuilder `Storage` on the application database, so conversation and user state survive a
 * restart and are shared by every server process on the same database.
 *
 * Follows botbuilder's eTag contract (as `MemoryStorage` does): an item without an eTag or with
 * `*` is upserted; an item with an eTag replaces the stored one only if the eTags match, else the
 * write throws `ETagConflictError`; deleting unknown keys is not an error.
 */
export class DatabaseStorage implements Storage {
  constructor(private readonly states: BotStateRepository) {}

  async read(keys: string[]): Promise<StoreItems> {
    const stored = await this.states.read(keys);
    const items: StoreItems = {};
    for (const [key, { data, etag }] of stored) {
      items[key] = { ...(JSON.parse(data) as object), eTag: etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as { eTag?: unknown };
      const expected = typeof eTag === 'string' && eTag !== '*' && eTag !== '' ? eTag : undefined;
      const written = await this.states.write(key, JSON.stringify(rest), expected);
      if (written === undefined) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.states.delete(keys);
  }
}
