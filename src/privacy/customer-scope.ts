/**
 * The rows a customer owns, found once and handed to the export and the erase: their
 * conversations (with the bot-state keys botbuilder stores them under) and their tickets.
 */
export interface CustomerScope {
  readonly customerId: number;
  readonly conversations: ReadonlyArray<{ readonly id: string; readonly channelId: string }>;
  readonly ticketIds: readonly number[];
}

/** The `bot_state` key botbuilder's `ConversationState` (default namespace) uses for a conversation. */
export function conversationStateKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}
