import type { TurnContext } from 'botbuilder';
import { detectInterruption } from '../chat/interruptions.ts';
import type { SupportAction } from '../chat/support-action.ts';
import {
  answeredEntry,
  moodIsScored,
  type TurnAnalysis,
  turnKindNote,
  turnLanguage,
  typedChoice,
} from '../chat/turn-analysis.ts';
import type { FeedbackService } from '../conversations/feedback.service.ts';
import type { MatchOutcome, MessageKind } from '../conversations/feedback-record.ts';
import type { QuestionChoice } from '../conversations/turn-outcome.ts';
import type { MatchResult } from '../knowledge/matching/match-result.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * Stores what the message turned out to be, once the dialogs have said (also after a failed turn:
 * what was known is kept). A failure here is logged, not thrown: the customer got their reply.
 */
export async function recordTurnOutcome(
  feedback: FeedbackService,
  context: TurnContext,
  conversationId: string,
  turn: TurnAnalysis,
  log: Logger,
): Promise<void> {
  try {
    const note = turnKindNote(context);
    const action = turn.action ?? typedChoice(context);
    const kind: MessageKind | null =
      note?.kind ?? (action !== undefined ? 'button' : turn.text.trim() === '' ? 'empty' : null);
    const match = kind === 'question' ? matchOrNothing(turn) : undefined;
    await feedback.recordTurnOutcome(conversationId, turn.messageId, {
      kind,
      prompt: kind === 'prompt-reply' ? (note?.prompt ?? null) : null,
      action:
        action === undefined ? null : { kind: action.kind, entryId: action.kind === 'entry' ? action.entryId : null },
      language: turnLanguage(context) ?? null,
      match: match === undefined ? undefined : matchOutcome(match),
      answeredEntryId: answeredEntry(context),
      scored: moodIsScored(note, turn.text),
      choice: choiceOf(action),
      askedForPerson: action?.kind === 'human' || (kind === 'command' && detectInterruption(turn.text) === 'human'),
    });
  } catch (error) {
    log.error({ err: error }, 'could not store what an inbound message was');
  }
}

/** A "did you mean" button's verdict on the question that offered it, when it names one. */
function choiceOf(action: SupportAction | undefined): QuestionChoice | undefined {
  if (action?.kind === 'entry' && action.question !== undefined)
    return { kind: 'entry', question: action.question, entryId: action.entryId };
  if (action?.kind === 'none-of-these' && action.question !== undefined)
    return { kind: 'none-of-these', question: action.question };
  return undefined;
}

/** The question's match; nothing when the matcher fails (the turn failed on it: the kind is still stored). */
function matchOrNothing(turn: TurnAnalysis): MatchResult | undefined {
  try {
    return turn.match;
  } catch {
    return undefined;
  }
}

/** Reduces a match to what its feedback record stores. */
function matchOutcome(match: MatchResult): MatchOutcome {
  const candidates = match.candidates.map((c) => ({ entryId: c.entry.id, confidence: round(c.confidence) }));
  return match.kind === 'answer'
    ? { kind: 'answer', entryId: match.entry.id, confidence: round(match.confidence), candidates }
    : {
        kind: match.kind,
        entryId: candidates[0]?.entryId ?? null,
        confidence: candidates[0]?.confidence ?? null,
        candidates,
      };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
