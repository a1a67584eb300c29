import type { MatchKind } from '../knowledge/matching/match-result.ts';

const DIRECTIONS = ['inbound', 'outbound'] as const;
type Direction = (typeof DIRECTIONS)[number];

const AUTHORS = ['customer', 'bot', 'agent'] as const;
export type Author = (typeof AUTHORS)[number];

/**
 * What an inbound customer message was. Only a `question` is matched against the knowledge and
 * counted in answer rates and the misses inbox.
 */
const MESSAGE_KINDS = ['question', 'button', 'prompt-reply', 'to-agent', 'small-talk', 'command', 'empty'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The prompts a customer can be answering. */
const PROMPT_NAMES = [
  'helpful',
  'handoff-confirm',
  'handoff-name',
  'handoff-email',
  'csat-rating',
  'csat-comment',
] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

/** Implicit feedback later turns gave about a question. */
interface QuestionSignals {
  /** The "did you mean" candidate the customer picked. */
  readonly chosenEntryId: string | null;
  readonly noneOfThese: boolean;
  /** The customer asked for a person right after this question was answered. */
  readonly handoffAfterAnswer: boolean;
}

/** What the matcher made of an inbound message, as stored on its feedback record. */
export interface MatchOutcome {
  readonly kind: MatchKind;
  readonly entryId: string | null;
  readonly confidence: number | null;
  readonly candidates: ReadonlyArray<{ readonly entryId: string; readonly confidence: number }>;
}

/** One stored activity of a conversation: what was said, by whom, and what the bot made of it. */
export interface FeedbackRecord {
  readonly id: number;
  readonly conversationId: string;
  readonly customerId: number | null;
  readonly direction: Direction;
  readonly author: Author;
  readonly activityType: string;
  readonly activityId: string | null;
  readonly replyToId: string | null;
  readonly text: string | null;
  readonly createdAt: string;
  readonly match: MatchOutcome | null;
  readonly answeredEntryId: string | null;
  readonly helpful: boolean | null;
  /** Sentiment of an inbound message; `null` when not analysed. */
  readonly sentiment: MessageSentiment | null;
  /** Complaint classification of an inbound message; `null` when not analysed. */
  readonly complaint: MessageComplaint | null;
  /** What an inbound message was; `null` outbound, for non-message activities and old rows. */
  readonly kind: MessageKind | null;
  /** The prompt a `prompt-reply` answered. */
  readonly prompt: PromptName | null;
  /** The button a `button` message came from: the action kind and, for `entry`, its entry. */
  readonly action: { readonly kind: string; readonly entryId: string | null } | null;
  readonly signals: QuestionSignals;
  /** ISO 639-1 language detected for a message the knowledge did not cover. */
  readonly language: string | null;
}

interface MessageSentiment {
  readonly score: number;
  readonly comparative: number;
  readonly label: string;
}

interface MessageComplaint {
  readonly isComplaint: boolean;
  readonly category: string | null;
  readonly severity: string | null;
  readonly confidence: number;
}

/** What the turn middleware learned about an inbound message; each part is optional. */
export interface MessageFindings {
  readonly match?: MatchOutcome | undefined;
  readonly sentiment?: MessageSentiment | undefined;
  readonly complaint?: MessageComplaint | undefined;
}
