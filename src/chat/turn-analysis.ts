import type { TurnContext } from 'botbuilder';
import type { ComplaintResult } from '../complaints/complaint-result.ts';
import type { MessageKind, PromptName } from '../conversations/feedback-record.ts';
import type { MatchResult } from '../knowledge/matching/match-result.ts';
import type { SupportAction } from './support-action.ts';

/**
 * What the turn middleware learned about the inbound message before any dialog runs: where its
 * feedback record is, and what the matcher made of it. Dialogs read it; they never re-match.
 */
export interface TurnAnalysis {
  /** Id of the message's feedback record. */
  readonly messageId: number;
  readonly customerId: number;
  /** The text as the customer sent it (may be long; the matcher truncates for itself). */
  readonly text: string;
  /** A button's meaning, when the message came from one of our buttons. */
  readonly action: SupportAction | undefined;
  /** `undefined` when there was nothing to match (empty text, a button press). */
  readonly match: MatchResult | undefined;
  /** Sentiment of this message and the conversation's trend; `undefined` when not analysed. */
  readonly sentiment?: TurnSentiment | undefined;
  readonly complaint?: ComplaintResult | undefined;
}

/** The message's sentiment plus where the conversation's mood is heading. */
interface TurnSentiment {
  readonly score: number;
  readonly comparative: number;
  readonly label: string;
  /** Rolling mean of the recent comparative scores. */
  readonly trend: number;
  readonly gettingAngrier: boolean;
}

const TURN_ANALYSIS_KEY = Symbol('answerdesk.turnAnalysis');

export function setTurnAnalysis(context: TurnContext, analysis: TurnAnalysis): void {
  context.turnState.set(TURN_ANALYSIS_KEY, analysis);
}

/** The analysis of this turn's message, or `undefined` outside a message turn. */
export function getTurnAnalysis(context: TurnContext): TurnAnalysis | undefined {
  return context.turnState.get(TURN_ANALYSIS_KEY) as TurnAnalysis | undefined;
}

/**
 * What the dialogs decided this turn's message was (a question, a reply to a prompt, small talk…).
 * The feedback middleware stores it on the message's record when the turn ends; only a `question`
 * gets its match stored. Last note wins: a prompt that hands the message on as a new question
 * notes `question` after its own `prompt-reply`.
 */
export interface TurnKindNote {
  readonly kind: MessageKind;
  /** For `prompt-reply`: the prompt answered. */
  readonly prompt?: PromptName | undefined;
}

const TURN_KIND_KEY = Symbol('answerdesk.turnKind');
const TURN_LANGUAGE_KEY = Symbol('answerdesk.turnLanguage');

export function noteTurnKind(context: TurnContext, note: TurnKindNote): void {
  context.turnState.set(TURN_KIND_KEY, note);
}

export function turnKindNote(context: TurnContext): TurnKindNote | undefined {
  return context.turnState.get(TURN_KIND_KEY) as TurnKindNote | undefined;
}

/** Notes the language detected for a message the knowledge did not cover (ISO 639-1), for its record. */
export function noteTurnLanguage(context: TurnContext, language: string): void {
  context.turnState.set(TURN_LANGUAGE_KEY, language);
}

export function turnLanguage(context: TurnContext): string | undefined {
  return context.turnState.get(TURN_LANGUAGE_KEY) as string | undefined;
}
