import type { Migration } from 'kysely';
import * as m001 from './001-bot-state.ts';

/**
 * Every migration, in order. Names sort lexically, so keep the zero-padded prefix.
 * A migration that has shipped is never edited: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '001-bot-state': m001,
};
