/**
 * The misses inbox's vocabulary: the contract between the inbox engine (`InsightsService`, which
 * collects and groups misses) and its readers (the admin API, `answerdesk insights`, the admin pages).
 */

/** What an admin can do with a group of missed questions. */
const SUGGESTION_ACTIONS = ['add-phrasings', 'new-entry', 'out-of-scope'] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

/** Why a customer question counts as a miss (or, for `chosen`, as a strong hint where it belongs). */
export const MISS_REASONS = [
  'no-match',
  'low-confidence',
  'near-tie',
  'none-of-these',
  'unhelpful',
  'handoff-after-answer',
  'chosen',
] as const;
export type MissReason = (typeof MISS_REASONS)[number];

/** A group of missed questions as a report reads it: its size, reasons and wordings (no advice, no examples). */
export interface MissGroupSummary {
  readonly id: string;
  /** Customer messages in the group. */
  readonly count: number;
  readonly reasons: readonly MissReason[];
  /** Its distinct wordings, most used first. */
  readonly phrasings: readonly SuggestedPhrasing[];
  /** The earliest message's time (ISO instant). */
  readonly firstSeen: string;
}

/** One distinct wording in a group, with how many customer messages used it. */
interface SuggestedPhrasing {
  readonly text: string;
  readonly count: number;
}

/** A customer message behind a suggestion, with where to read its conversation. */
interface SuggestionExample {
  readonly messageId: number;
  readonly conversationId: string;
  readonly text: string;
  readonly at: string;
}

/** Why the suggested entry is suggested. */
export interface SuggestionEvidence {
  /** The suggested entry's best confidence on the group's messages, when the matcher proposed it. */
  readonly confidence: number | null;
  /** How many of the group's messages the customers themselves assigned to the entry ("did you mean" choice). */
  readonly chosenByCustomers: number;
}

/** A group of similar misses and what to do about it. */
export interface Suggestion {
  /** Stable while the group's messages are the same; an accept or dismiss names it. */
  readonly id: string;
  readonly action: SuggestionAction;
  /** The entry to add the phrasings to (`add-phrasings`), else null. */
  readonly entryId: string | null;
  /** Customer messages in the group. */
  readonly count: number;
  readonly reasons: readonly MissReason[];
  /** Distinct wordings, most used first. */
  readonly phrasings: readonly SuggestedPhrasing[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly evidence: SuggestionEvidence;
  /** A few of the messages, newest first. */
  readonly examples: readonly SuggestionExample[];
}

/** An admin's decision on (some of) a suggestion's phrasings; decided phrasings are not suggested again. */
export interface SuggestionDecision {
  readonly suggestionId: string;
  readonly decision: 'accepted' | 'dismissed';
  /** The phrasings decided on (the admin may untick some: those stay in the inbox). */
  readonly phrasings: readonly string[];
  /** Where accepted phrasings went (an existing or new entry); null for out of scope or a dismissal. */
  readonly entryId: string | null;
  readonly outOfScope: boolean;
  readonly actorAgentId: number;
}

/** What the admin API, the CLI and the pages need from the inbox. */
export interface InsightsPort {
  /** Every current suggestion, largest group first; reflects every message stored before the call. */
  suggestions(): Promise<Suggestion[]>;
  suggestion(id: string): Promise<Suggestion | undefined>;
  recordDecision(decision: SuggestionDecision): Promise<void>;
}
