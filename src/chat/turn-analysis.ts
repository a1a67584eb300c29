import type { TurnContext } from 'botbuilder';
import type { ComplaintResult } from '../complaints/complaint-result.ts';
import type { MessageKind, PromptName } from '../conversations/feedback-record.ts';
import type { MatchResult } from '../knowledge/matching/match-result.ts';
import type { SupportAction } from './support-action.ts';

/**
 * What the turn middleware learned about the inbound message before any dialog runs: where its
 * feedback record is, its sentiment, and (on demand) what the matcher makes of it. Dialogs read
 * it; they never re-match.
 */
export interface TurnAnalysis {
  /** Id of the message's feedback record. */
  readonly messageId: number;
  readonly customerId: number;
  /** The text as the customer sent it (may be long; the matcher truncates for itself). */
  readonly text: string;
  /** A button's meaning, when the message came from one of our buttons. */
  readonly action: SupportAction | undefined;
  /**
   * What the matcher makes of the text, matched on first read (once): read it only when routing
   * the message as a question, since only a question's match is stored. `undefined` when there is
   * nothing to match (empty text, a button press).
   */
  readonly match: MatchResult | undefined;
  /**
   * Sentiment of this message and the conversation's trend; `undefined` when not analysed, and
   * once the turn is noted as a message whose mood is not scored (see {@link moodIsScored}).
   */
  readonly sentiment?: TurnSentiment | undefined;
  /** Complaint classification; `undefined` as for `sentiment`. */
  readonly complaint?: ComplaintResult | undefined;
}

/** The message's sentiment plus where the conversation's mood is heading. */
export interface TurnSentiment {
  readonly score: number;
  readonly comparative: number;
  readonly label: string;
  /** Rolling mean of the recent comparative scores. */
  readonly trend: number;
  readonly gettingAngrier: boolean;
}

const TURN_ANALYSIS_KEY = Symbol('answerdesk.turnAnalysis');

/** What the middleware knows before the dialogs run; the match is left to {@link lazyTurnAnalysis}. */
export interface TurnAnalysisParts {
  readonly messageId: number;
  readonly customerId: number;
  readonly text: string;
  readonly action: SupportAction | undefined;
  readonly sentiment: TurnSentiment | undefined;
  readonly complaint: ComplaintResult | undefined;
}

/**
 * The turn's analysis with a memoised `match` (typed, non-empty text only: a button press is
 * never matched) and a mood that reads as `undefined` once the dialogs note the message as one
 * whose mood is not scored, so a "No" to "did this help?" cannot make a customer look angry.
 */
export function lazyTurnAnalysis(
  context: TurnContext,
  parts: TurnAnalysisParts,
  matchText: (text: string) => MatchResult,
): TurnAnalysis {
  const matchable = parts.action === undefined && parts.text.trim() !== '';
  let match: MatchResult | undefined;
  return {
    messageId: parts.messageId,
    customerId: parts.customerId,
    text: parts.text,
    action: parts.action,
    get match() {
      if (match === undefined && matchable) match = matchText(parts.text);
      return match;
    },
    get sentiment() {
      return moodIsScored(turnKindNote(context), parts.text) ? parts.sentiment : undefined;
    },
    get complaint() {
      return moodIsScored(turnKindNote(context), parts.text) ? parts.complaint : undefined;
    },
  };
}

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
const TURN_ANSWER_KEY = Symbol('answerdesk.turnAnswer');
const TURN_TYPED_CHOICE_KEY = Symbol('answerdesk.typedChoice');

/** A yes / no reply of at most this many words is the answer itself ("no", "yes thanks", "it did not"). */
const BARE_ANSWER_WORDS = 3;

/** Whether a reply to a yes / no question is the answer alone, with nothing of the customer's own to say. */
export function isBareAnswer(text: string): boolean {
  return text.split(/\s+/).filter((w) => w !== '').length <= BARE_ANSWER_WORDS;
}

/**
 * Whether a message's sentiment and complaint count (stored, in the mood trend, for escalation).
 * What the customer says in their own words does: questions, small talk, messages to an agent, a
 * satisfaction comment, a yes / no that is a sentence ("No, and I have asked three times
 * already"), and messages nothing classified. Bare answers to the bot's own questions do not: a
 * rating, a name, an email, a "Yes" or "No" (a button's words or the customer's, they are the
 * same text), because a lexicon scores "Yes" and "No" at ±1 and surnames as words, and the
 * answer's meaning is stored already (the vote, the rating). Nor do commands ("stop", "never
 * mind"), buttons and empty messages, whose words are ours or none.
 */
export function moodIsScored(note: TurnKindNote | undefined, text: string): boolean {
  if (note === undefined) return true;
  switch (note.kind) {
    case 'question':
    case 'small-talk':
    case 'to-agent':
      return true;
    case 'prompt-reply':
      if (note.prompt === 'csat-comment') return true;
      if (note.prompt === 'helpful' || note.prompt === 'handoff-confirm') return !isBareAnswer(text);
      return false;
    case 'command':
      // "help" or "agent" carry no mood; "your driver smashed my parcel, get me a manager" does.
      return !isBareAnswer(text);
    case 'button':
    case 'empty':
      return false;
  }
}

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

/**
 * Notes the knowledge entry whose answer this turn sent to the customer's message. The message's
 * record gets it with the rest of its outcome, in the one write at the turn's end (which runs
 * after a failed turn too), so answering costs no write of its own.
 */
export function noteAnsweredEntry(context: TurnContext, entryId: string): void {
  context.turnState.set(TURN_ANSWER_KEY, entryId);
}

export function answeredEntry(context: TurnContext): string | undefined {
  return context.turnState.get(TURN_ANSWER_KEY) as string | undefined;
}

/**
 * Notes that a typed reply chose one of the buttons just offered ("the second one" after "did you
 * mean…?"): its record is stored as that button's press, with the choice's verdict on the question.
 */
export function noteTypedChoice(context: TurnContext, action: SupportAction): void {
  context.turnState.set(TURN_TYPED_CHOICE_KEY, action);
}

export function typedChoice(context: TurnContext): SupportAction | undefined {
  return context.turnState.get(TURN_TYPED_CHOICE_KEY) as SupportAction | undefined;
}
