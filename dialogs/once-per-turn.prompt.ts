import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ConfirmPrompt,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { oncePerTurn } from '../src/chat/once-per-turn.ts';

/**
 * botbuilder's prompts recognise the reply twice per turn: in `onPreBubbleEvent` (may the reply
 * end an interruption?) and again in `continueDialog`, with the same text and options. These
 * prompts recognise once per turn and hand the second call the first one's result, so a reply
 * costs one run of the recognizers (Microsoft's recognizers-text for a yes / no: tokenising,
 * grapheme splitting and dozens of regular expressions). Results are identical: recognition
 * reads only the activity's text and locale and the prompt's options, none of which change
 * within the turn.
 */
export class OncePerTurnConfirmPrompt extends ConfirmPrompt {
  protected override onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<boolean>> {
    return oncePerTurn(context, this, [context.activity.text, context.activity.locale, options], () =>
      super.onRecognize(context, state, options),
    );
  }
}

/** The choice prompt of {@link OncePerTurnConfirmPrompt}: recognises each reply once per turn. */
export class OncePerTurnChoicePrompt extends ChoicePrompt {
  protected override onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    return oncePerTurn(context, this, [context.activity.text, context.activity.locale, options], () =>
      super.onRecognize(context, state, options),
    );
  }
}
