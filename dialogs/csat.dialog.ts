import {
  type DialogTurnResult,
  type FoundChoice,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { SupportServices } from '../src/chat/support-services.ts';
import { noteTurnKind } from '../src/chat/turn-analysis.ts';
import { CancelAndHelpDialog } from './cancel-and-help.dialog.ts';
import { OncePerTurnChoicePrompt } from './once-per-turn.prompt.ts';

export const CSAT_DIALOG = 'csatDialog';
const CSAT_WATERFALL = 'csatWaterfall';
const RATING_PROMPT = 'csatRatingPrompt';
const COMMENT_PROMPT = 'csatCommentPrompt';
const SKIP = /^(skip|no|nope|no thanks|nothing|none|-)$/i;
const CSAT_RATINGS = ['1', '2', '3', '4', '5'] as const;

export interface CsatOptions {
  readonly ticketReference: string;
}

/**
 * After an agent solved the ticket, the bot takes the conversation back and asks the customer to
 * rate the help from 1 to 5, with an optional comment; both are stored on the ticket. Anything
 * that is not a rating ends the survey, and the message is routed as a new question.
 */
export class CsatDialog extends CancelAndHelpDialog {
  constructor(services: SupportServices) {
    super(CSAT_DIALOG, services);
    // A non-rating passes too, unnoted: it is routed as a new question.
    this.addDialog(
      new OncePerTurnChoicePrompt(RATING_PROMPT, async ({ context, recognized }) => {
        if (recognized.succeeded) noteTurnKind(context, { kind: 'prompt-reply', prompt: 'csat-rating' });
        return true;
      }),
    );
    this.addDialog(
      new TextPrompt(COMMENT_PROMPT, async ({ context, recognized }) => {
        noteTurnKind(context, { kind: 'prompt-reply', prompt: 'csat-comment' });
        return recognized.succeeded;
      }),
    );
    this.addDialog(
      new WaterfallDialog(CSAT_WATERFALL, [
        this.askStep.bind(this),
        this.commentStep.bind(this),
        this.saveStep.bind(this),
      ]),
    );
    this.initialDialogId = CSAT_WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const { responses } = this.services.knowledge();
    await this.services.recordCsatSent(step.options.ticketReference);
    return step.prompt(RATING_PROMPT, {
      prompt: responses.csatAsk,
      choices: CSAT_RATINGS.map((value) => ({ value })),
      style: ListStyle.suggestedAction,
    });
  }

  private async commentStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice | undefined;
    if (choice === undefined) return step.endDialog({ reroute: true });
    (step.values as { rating?: number }).rating = Number(choice.value);
    return step.prompt(COMMENT_PROMPT, { prompt: this.services.knowledge().responses.csatComment });
  }

  private async saveStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const rating = (step.values as { rating?: number }).rating ?? 0;
    const text = typeof step.result === 'string' ? step.result.trim() : '';
    const comment = text === '' || SKIP.test(text) ? null : text.slice(0, 2000);
    await this.services.recordCsat(step.options.ticketReference, rating, comment);
    await step.context.sendActivity(this.services.knowledge().responses.csatThanks);
    return step.endDialog({ reroute: false });
  }
}
