/** Row of `bot_state`: one serialised botbuilder state object (conversation, user or dialog state). */
export interface BotStateTable {
  key: string;
  data: string;
  etag: string;
  updated_at: string;
}
