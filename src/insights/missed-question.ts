import type { MissReason } from './suggestion.ts';

/** A customer question the bot missed (or one the customer placed themselves), as the inbox reads it. */
export interface MissedQuestion {
  readonly messageId: number;
  readonly conversationId: string;
  readonly text: string;
  readonly createdAt: string;
  /** Why it counts, in `MISS_REASONS` order; never empty. */
  readonly reasons: readonly MissReason[];
  /** The "did you mean" candidate the customer picked, when they did. */
  readonly chosenEntryId: string | null;
  /**
   * Entries the customer said were wrong: the answer they voted unhelpful or asked a person right
   * after, every candidate of a "none of these".
   */
  readonly rejectedEntryIds: readonly string[];
}
