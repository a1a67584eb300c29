import type { MatchKind } from '../knowledge/matching/match-result.ts';

const DIRECTIONS = ['inbound', 'outbound'] as const;
type Direction = (typeof DIRECTIONS)[number];

const AUTHORS = ['customer', 'bot', 'agent'] as const;
export type Author = (typeof AUTHORS)[number];

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
