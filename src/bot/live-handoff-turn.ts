import type { TurnContext } from 'botbuilder';
import type { Handoff } from '../handoff/handoff.ts';

const LIVE_HANDOFF_KEY = Symbol('answerdesk.liveHandoff');

/** What a turn's middleware found out about the conversation's live handoff (looked up once per turn). */
interface LiveHandoffLookup {
  readonly handoff: Handoff | undefined;
}

/**
 * The conversation's live handoff as looked up for this turn, shared between the feedback
 * middleware (which skips what only the bot's dialogs read while a person has the chat) and
 * `SupportBot` (which forwards the message to the ticket), so a turn reads it once and both
 * decide on the same answer.
 */
export const liveHandoffTurn = {
  note(context: TurnContext, handoff: Handoff | undefined): void {
    context.turnState.set(LIVE_HANDOFF_KEY, { handoff } satisfies LiveHandoffLookup);
  },
  /** The lookup made this turn; `undefined` when nobody looked (then look it up yourself). */
  of(context: TurnContext): LiveHandoffLookup | undefined {
    return context.turnState.get(LIVE_HANDOFF_KEY) as LiveHandoffLookup | undefined;
  },
};
