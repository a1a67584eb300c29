import type { TurnContext } from 'botbuilder';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';

/** A customer asked for a person; why. */
export const HANDOFF_REASONS = ['requested', 'repeated_no_match', 'unhelpful', 'topic'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/**
 * Everything the dialogs need from the rest of the product, handed in through constructors so
 * that tests can pass fakes.
 */
export interface SupportServices {
  /** The knowledge base being served right now (hot-reloaded). */
  knowledge(): KnowledgeBase;
  /** Stores a helpful / not-helpful vote on the question whose answer was rated. */
  recordVote(messageId: number, helpful: boolean): Promise<void>;
  /** Notes which entry answered the question stored as `messageId`. */
  recordAnswer(messageId: number, entryId: string): Promise<void>;
  /** Hands the conversation to a person (or says honestly that nobody is available). */
  requestHuman(context: TurnContext, reason: HandoffReason): Promise<void>;
}
