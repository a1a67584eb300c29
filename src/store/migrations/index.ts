import type { Migration } from 'kysely';
import * as m001 from './001-bot-state.ts';
import * as m002 from './002-conversations.ts';
import * as m003 from './003-directline.ts';
import * as m004 from './004-message-analysis.ts';
import * as m005 from './005-tickets.ts';
import * as m006 from './006-handoffs.ts';
import * as m007 from './007-directline-turns.ts';
import * as m008 from './008-message-kinds.ts';
import * as m009 from './009-suggestion-decisions.ts';
import * as m010 from './010-knowledge-changes.ts';
import * as m016 from './016-rate-limit-windows.ts';

/**
 * Every migration, in order. Names sort lexically, so keep the zero-padded prefix.
 * A migration that has shipped is never edited: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '001-bot-state': m001,
  '002-conversations': m002,
  '003-directline': m003,
  '004-message-analysis': m004,
  '005-tickets': m005,
  '006-handoffs': m006,
  '007-directline-turns': m007,
  '008-message-kinds': m008,
  '009-suggestion-decisions': m009,
  '010-knowledge-changes': m010,
  '016-rate-limit-windows': m016,
};
