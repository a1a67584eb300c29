import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ConfirmPrompt,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
  recognizeChoices,
} from 'botbuilder-dialogs';
import { oncePerTurn } from '../src/chat/once-per-turn.ts';

/**
 * The culture a choice prompt recognises numbers and ordinals in ("4", "four", "the second one"),
 * whatever the activity's `locale`. botbuilder would take the client's locale, and Microsoft's
 * number recognizers for some cultures backtrack for seconds on ordinary text: "where is my order
 * please" took 4.3 s (fr-fr), 0.8 s (pt-br) and 0.6 s (es-es) against 0.04 s (en-us), all of it on
 * the event loop, so one customer with a French browser froze every chat. Digits are recognised
 * in any culture and the choices' own titles and synonyms (from the knowledge's responses) match
 * as before; what other cultures lose is number words ("quatre"). The yes / no recognizer of a
 * confirm prompt keeps the client's culture: it is quick in every culture (under 5 ms on 120
 * support questions in each of nine).
 */
export const NUMBER_RECOGNITION_LOCALE = 'en-us';

/** The turn as a choice prompt's recognizers see it: the activity with the number culture. */
function inNumberCulture(context: TurnContext): TurnContext {
  if (context.activity.locale === undefined || context.activity.locale.toLowerCase() === NUMBER_RECOGNITION_LOCALE)
    return context;
  const activity = { ...context.activity, locale: NUMBER_RECOGNITION_LOCALE };
  return Object.create(context, { activity: { value: activity } }) as TurnContext;
}

/**
 * Builds the number and ordinal recognizers' models now (about 80 ms of regular expressions the
 * first time), so the first customer who answers a choice prompt does not wait for it. Called once
 * at start-up.
 */
export function warmPromptRecognizers(): void {
  recognizeChoices('yes, the 2nd one', ['yes', 'no'], { locale: NUMBER_RECOGNITION_LOCALE });
}

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

/**
 * The choice prompt of {@link OncePerTurnConfirmPrompt}: recognises each reply once per turn, numbers in
 * {@link NUMBER_RECOGNITION_LOCALE}.
 */
export class OncePerTurnChoicePrompt extends ChoicePrompt {
  protected override onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    return oncePerTurn(context, this, [context.activity.text, context.activity.locale, options], () =>
      super.onRecognize(inNumberCulture(context), state, options),
    );
  }
}
