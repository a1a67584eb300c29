import type { TurnContext } from 'botbuilder';
import type { ComplaintResult } from '../complaints/complaint-result.ts';
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
