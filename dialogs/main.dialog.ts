import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import type { KnowledgeEntry } from '../src/knowledge/knowledge-entry.ts';
import { CancelAndHelpDialog } from './cancel-and-help.dialog.ts';
import { FEEDBACK_DIALOG, FeedbackDialog, type FeedbackOptions, type FeedbackResult } from './feedback.dialog.ts';
import { answerActivity, entryButtons, messageWithActions } from './answer-activity.ts';
import { actionButton } from './support-action.ts';
import { getTurnAnalysis } from './turn-analysis.ts';
import type { SupportServices } from './support-services.ts';

export const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';
/** After this many no-matches in a row the bot offers a person instead of asking to rephrase. */
export const NO_MATCHES_BEFORE_OFFERING_HUMAN = 2;

/** Per-conversation counters the router keeps between turns. */
export interface RouterState {
  consecutiveNoMatches: number;
}

/**
 * Routes each message by what the matcher made of it: an answer (then "did this help?"),
 * "did you mean…?" with the candidates, or a two-stage fallback (rephrase, then a person).
 */
export class MainDialog extends CancelAndHelpDialog {
  constructor(
    services: SupportServices,
    private readonly routerState: StatePropertyAccessor<RouterState>,
  ) {
    super(MAIN_DIALOG, services);
    this.addDialog(new FeedbackDialog(services));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this), this.afterFeedbackStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Runs the dialog stack for one turn, beginning the main dialog when nothing is active. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const analysis = getTurnAnalysis(step.context);
    if (analysis === undefined) return step.endDialog();
    const kb = this.services.knowledge();
    const state = await this.routerState.get(step.context, { consecutiveNoMatches: 0 });
    const interruption = this.interruptionOf(step.context);
    if (interruption !== null) {
      if (interruption === 'start-over') state.consecutiveNoMatches = 0;
      await this.handleInterruption(step.context, interruption);
      return step.endDialog();
    }

    if (analysis.action?.kind === 'human') {
      await this.services.requestHuman(step.context, 'requested');
      return step.endDialog();
    }
    const action = analysis.action;
    if (action?.kind === 'entry') {
      const entry = kb.entries.find((e) => e.id === action.entryId && e.enabled);
      if (entry !== undefined) return this.answer(step, entry, analysis.messageId, []);
    }
    if (analysis.action?.kind === 'none-of-these') return this.fallback(step, state);
    if (analysis.text.trim() === '') {
      await step.context.sendActivity(kb.responses.emptyMessage);
      return step.endDialog();
    }

    const match = analysis.match;
    if (match === undefined) return step.endDialog();
    switch (match.kind) {
      case 'answer':
        state.consecutiveNoMatches = 0;
        return this.answer(
          step,
          match.entry,
          analysis.messageId,
          match.candidates.filter((c) => c.entry.id !== match.entry.id).map((c) => c.entry.id),
        );
      case 'ambiguous': {
        state.consecutiveNoMatches = 0;
        const ids = match.candidates.map((c) => c.entry.id);
        const buttons = [...entryButtons(kb, ids), actionButton(kb.responses.noneOfThese, { kind: 'none-of-these' })];
        await step.context.sendActivity(messageWithActions(kb.responses.didYouMean, buttons));
        return step.endDialog();
      }
      case 'no-match':
        return this.fallback(step, state);
    }
    return step.endDialog();
  }

  private async answer(
    step: WaterfallStepContext,
    entry: KnowledgeEntry,
    questionMessageId: number,
    alternatives: string[],
  ): Promise<DialogTurnResult> {
    const kb = this.services.knowledge();
    await step.context.sendActivity(answerActivity(kb, entry));
    await this.services.recordAnswer(questionMessageId, entry.id);
    if (entry.escalate) {
      // Topics marked `escalate` always go to a person; the answer above says what happens next.
      await this.services.requestHuman(step.context, 'topic');
      return step.endDialog();
    }
    const options: FeedbackOptions = { questionMessageId, entryId: entry.id, alternatives };
    return step.beginDialog(FEEDBACK_DIALOG, options);
  }

  private async fallback(step: WaterfallStepContext, state: RouterState): Promise<DialogTurnResult> {
    const { responses } = this.services.knowledge();
    state.consecutiveNoMatches += 1;
    if (state.consecutiveNoMatches >= NO_MATCHES_BEFORE_OFFERING_HUMAN) {
      state.consecutiveNoMatches = 0;
      await step.context.sendActivity(
        messageWithActions(responses.fallbackOfferHuman, [actionButton(responses.offerHuman, { kind: 'human' })]),
      );
    } else {
      await step.context.sendActivity(responses.fallback);
    }
    return step.endDialog();
  }

  private async afterFeedbackStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as FeedbackResult | undefined;
    // The customer moved on instead of voting: route this same message as a new question.
    if (result?.reroute === true) return step.replaceDialog(MAIN_WATERFALL);
    return step.endDialog();
  }
}
