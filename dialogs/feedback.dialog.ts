import type { Activity, TurnContext } from 'botbuilder';
import {
  type Choice,
  type DialogTurnResult,
  type FoundChoice,
  ListStyle,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { entryButtons, messageWithActions } from '../src/chat/answer-activity.ts';
import { asksSomething } from '../src/chat/question-shape.ts';
import { actionButton } from '../src/chat/support-action.ts';
import type { SupportServices } from '../src/chat/support-services.ts';
import { getTurnAnalysis, isBareAnswer, noteTurnKind } from '../src/chat/turn-analysis.ts';
import { CancelAndHelpDialog } from './cancel-and-help.dialog.ts';
import { OncePerTurnChoicePrompt } from './once-per-turn.prompt.ts';

export const FEEDBACK_DIALOG = 'feedbackDialog';
const FEEDBACK_WATERFALL = 'feedbackWaterfall';
const HELPFUL_PROMPT = 'helpfulPrompt';
/** At most this many other candidates are offered after a "no". */
const ALTERNATIVES_OFFERED = 2;
const YES_WORDS = ['yes', 'yeah', 'yep', 'yup', 'it did', 'sure', 'great', 'perfect', 'helpful'];
const NO_WORDS = ['no', 'nope', 'nah', 'not really', 'it did not', "it didn't", 'not helpful'];

/** What the feedback dialog is asked about. */
export interface FeedbackOptions {
  /** Feedback record of the question that was answered. */
  readonly questionMessageId: number;
  readonly entryId: string;
  /** Ids of the next-best entries, best first, to offer after a "no". */
  readonly alternatives: readonly string[];
}

/** Ended with `reroute` when the customer typed something else: the main dialog treats it as a new question. */
export interface FeedbackResult {
  readonly reroute: boolean;
  /** The vote, when there was one. */
  readonly helpful?: boolean;
  /**
   * After a "no": the apology with the next-best entries and a person to offer. Sent by the main
   * dialog, unless that "no" makes it offer a person right away instead.
   */
  readonly reply?: Partial<Activity> | undefined;
  /** The entries `reply` offers, in order, and the question they are offered for. */
  readonly offered?: { entryIds: string[]; question: number } | undefined;
}

/**
 * "Did this help?" after an answer. The vote is stored on the answered question; a "no" offers the
 * next-best candidates or a person. Anything other than yes / no ends the dialog so the message is
 * routed as a new question (follow-up buttons arrive this way).
 */
export class FeedbackDialog extends CancelAndHelpDialog {
  constructor(services: SupportServices) {
    super(FEEDBACK_DIALOG, services);
    // Validation always passes: an unrecognised reply is a new question, not a wrong answer.
    const prompt = new OncePerTurnChoicePrompt(HELPFUL_PROMPT, async ({ context, recognized }) => {
      if (recognized.succeeded) noteTurnKind(context, { kind: 'prompt-reply', prompt: 'helpful' });
      return true;
    });
    // "I ordered 2 items" must not count as choice number 2.
    prompt.recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: false };
    this.addDialog(prompt);
    this.addDialog(new WaterfallDialog(FEEDBACK_WATERFALL, [this.askStep.bind(this), this.voteStep.bind(this)]));
    this.initialDialogId = FEEDBACK_WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> {
    const kb = this.services.knowledge();
    const { responses } = kb;
    const entry = kb.entries.find((e) => e.id === step.options.entryId);
    const choices: Choice[] = [
      { value: 'yes', synonyms: [responses.helpfulYes, ...YES_WORDS] },
      { value: 'no', synonyms: [responses.helpfulNo, ...NO_WORDS] },
    ];
    // Follow-ups stay reachable: Web Chat only shows the suggested actions of the latest message.
    const buttons = [
      { type: 'imBack', title: responses.helpfulYes, value: responses.helpfulYes },
      { type: 'imBack', title: responses.helpfulNo, value: responses.helpfulNo },
      ...(entry === undefined ? [] : entryButtons(kb, entry.followUps)),
    ];
    return step.prompt(HELPFUL_PROMPT, {
      prompt: messageWithActions(responses.didThisHelp, buttons),
      choices,
      style: ListStyle.none,
    });
  }

  private async voteStep(step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice | undefined;
    if (choice === undefined) return step.endDialog({ reroute: true } satisfies FeedbackResult);
    if (choice.value === 'yes' && yesWithMore(step.context)) {
      // Not a vote: the message is routed as the customer's own (a question, a complaint).
      return step.endDialog({ reroute: true } satisfies FeedbackResult);
    }
    const helpful = choice.value === 'yes';
    await this.services.recordVote(step.options.questionMessageId, helpful);
    const kb = this.services.knowledge();
    if (helpful) {
      await step.context.sendActivity(kb.responses.thanksForFeedback);
      return step.endDialog({ reroute: false, helpful: true } satisfies FeedbackResult);
    }
    const alternatives = entryButtons(
      kb,
      step.options.alternatives.slice(0, ALTERNATIVES_OFFERED),
      step.options.questionMessageId,
    );
    const human = actionButton(kb.responses.offerHuman, { kind: 'human' });
    const text =
      alternatives.length > 0
        ? `${kb.responses.sorryNotHelpful}\n\n${kb.responses.didYouMean}`
        : kb.responses.sorryNotHelpful;
    const reply = messageWithActions(text, [...alternatives, human]);
    const offered = {
      entryIds: step.options.alternatives
        .slice(0, ALTERNATIVES_OFFERED)
        .filter((id) => kb.entries.some((e) => e.id === id && e.enabled)),
      question: step.options.questionMessageId,
    };
    return step.endDialog({ reroute: false, helpful: false, reply, offered } satisfies FeedbackResult);
  }
}

/** Thanks in a reply: "yes, I was so worried, thank you" is a relieved vote, not a grievance. */
const GRATITUDE = /\b(?:thanks?|thank you|thx|ty|cheers|appreciate[ds]?|grateful|relief|relieved)\b/i;

/**
 * A "yes" that says more than yes: "yes I know, it's been 6 days already, what are you going to do
 * about it", "yes but how?" or "yeah but it's still broken" is the customer's own message (a
 * question, a grievance), not a vote that the answer helped. A "yes" of a few words ("yes thanks")
 * is a vote; so is a longer one that asks nothing and is not a grievance ("yes it did, thank you
 * so much", "yes, I was so worried, thank you").
 */
function yesWithMore(context: TurnContext): boolean {
  const text = context.activity.text ?? '';
  const words = text.split(/\s+/).filter((w) => w !== '').length;
  if (words > 1 && asksSomething(text)) return true;
  if (isBareAnswer(text)) return false;
  const analysis = getTurnAnalysis(context);
  if (analysis?.complaint?.isComplaint === true) return true;
  return analysis?.sentiment?.label === 'negative' && !GRATITUDE.test(text);
}
