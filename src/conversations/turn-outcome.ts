import type { MatchOutcome, MessageKind, PromptName } from './feedback-record.ts';

/**
 * What one inbound customer message turned out to be, known when its turn ends: stored on its
 * feedback record in one write, plus the implicit feedback it gave about an earlier question.
 */
export interface TurnOutcome {
  /** `null` when nothing classified the message (stored as such, never guessed). */
  readonly kind: MessageKind | null;
  readonly prompt: PromptName | null;
  /** The button pressed: its `SupportAction` kind and, for an entry, the entry. */
  readonly action: { readonly kind: string; readonly entryId: string | null } | null;
  readonly language: string | null;
  /** The entry whose answer the turn sent; `undefined` when it sent none (a stored one is kept). */
  readonly answeredEntryId?: string | undefined;
  /** Only a question's match is stored; pass `undefined` for every other kind. */
  readonly match: MatchOutcome | undefined;
  /** False for messages whose mood is not scored (prompt replies, commands): their sentiment and complaint are cleared. */
  readonly scored: boolean;
  /** A "did you mean" button's verdict on the question (a record id the client sent back) that offered it. */
  readonly choice?: QuestionChoice | undefined;
  /** The customer asked for a person (typed or the button): marks the answered question just before, if any. */
  readonly askedForPerson: boolean;
}

/** A customer's answer to "did you mean": one of the candidates, or none of them. */
export type QuestionChoice =
  | { readonly kind: 'entry'; readonly question: number; readonly entryId: string }
  | { readonly kind: 'none-of-these'; readonly question: number };
