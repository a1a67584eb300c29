/**
 * Where the ticket view reads which buttons the bot's messages offered (a "did you mean" list,
 * an answer's follow-ups): the feedback records keep the text only, the channel's transcript keeps
 * the whole activity. Implemented by the Direct Line store; other channels offer none to read.
 */
export interface OfferedActionsReader {
  /**
   * The button titles each of the activities `activityIds` of the conversation carried, in order,
   * keyed by activity id; activities it does not hold, or without buttons, are left out.
   */
  offeredActions(
    conversationId: string,
    activityIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly string[]>>;
}
