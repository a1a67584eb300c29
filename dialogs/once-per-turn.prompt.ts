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
 * number recognizers are a few hundred large regular expressions per culture that V8 runs
 * interpreted until it has compiled them: the first 20 replies a process meets in a culture took
 * 10.6 s together in fr-fr (6.5 s for one ordinary sentence), 1.5 s in pt-br, 1.2 s in es-es,
 * then about 1-4 ms each (`bench/prompt-recognizers.bench.ts`), all on the event loop, so every
 * chat waited while a
 * customer with a French browser typed at the rating prompt. One culture can be warmed at
 * start-up ({@link warmPromptRecognizers}). Digits are recognised in any culture and the choices'
 * own titles and synonyms (from the knowledge's responses) match as before; what other cultures
 * lose is number words ("quatre"). The yes / no recognizer of a confirm prompt keeps the client's
 * culture: it is quick in every culture, first use included (under 8 ms per message on 120
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
 * Builds the number and ordinal recognizers' models and has V8 compile their expressions now
 * (90-130 ms: two sentences, twice each), so the first customer who answers a choice prompt does
 * not wait for it: after it, the first 20 held-out replies took at most 1 ms each, against 89 ms
 * for the slowest without it (`bench/prompt-recognizers.bench.ts --warm-up`). Called when the
 * bot is built.
 */
export function warmPromptRecognizers(): void {
  for (let pass = 0; pass < 2; pass++) {
    for (const text of WARM_UP_REPLIES) recognizeChoices(text, ['yes', 'no'], { locale: NUMBER_RECOGNITION_LOCALE });
  }
}

const WARM_UP_REPLIES = ['yes, the 2nd one', 'can I get the third of those, or 4 maybe?'];

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
