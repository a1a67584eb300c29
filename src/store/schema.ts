import type { BotStateTable } from './bot-state.table.ts';

/** Every table Kysely knows about; each capability contributes its own `*.table.ts`. */
export interface Database {
  bot_state: BotStateTable;
}
