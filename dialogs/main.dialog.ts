import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  type DialogContext,
  DialogSet,
  type DialogState,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { answerActivity, entryButtons, messageWithActions } from '../src/chat/answer-activity.ts';
import { HANDOFF_DIALOG } from '../src/chat/dialog-ids.ts';
import { optionReference } from '../src/chat/option-reference.ts';
import { detectSmallTalk } from '../src/chat/small-talk.ts';
import { actionButton } from '../src/chat/support-action.ts';
import type { EscalationRequest, SupportServices } from '../src/chat/support-services.ts';
import {
  getTurnAnalysis,
  noteAnsweredEntry,
  noteTurnKind,
  noteTurnLanguage,
  noteTypedChoice,
  type TurnAnalysis,
} from '../src/chat/turn-analysis.ts';
import { COMPLAINT_SEVERITIES, type ComplaintSeverity } from '../src/complaints/complaint-severity.ts';
import { complaintPriority, type EscalationSignals } from '../src/escalation/escalation-policy.ts';
import { higherPriority } from '../src/escalation/ticket-priority.ts';
import type { Responses } from '../src/knowledge/knowledge-base.ts';
import type { KnowledgeEntry } from '../src/knowledge/knowledge-entry.ts';
import { otherLanguageReply } from '../src/language/other-language-reply.ts';
import { CancelAndHelpDialog, requestedHandoff } from './cancel-and-help.dialog.ts';
import { CSAT_DIALOG, CsatDialog, type CsatOptions } from './csat.dialog.ts';
import { FEEDBACK_DIALOG, FeedbackDialog, type FeedbackOptions, type FeedbackResult } from './feedback.dialog.ts';
import { HandoffDialog } from './handoff.dialog.ts';

const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';
const ACKNOWLEDGEMENT: Readonly<Record<ComplaintSeverity, (responses: Responses) => string>> = {
  low: (r) => r.complaintAcknowledgeLow,
  medium: (r) => r.complaintAcknowledgeMedium,
  high: (r) => r.complaintAcknowledgeHigh,
  critical: (r) => r.complaintAcknowledgeCritical,
};

/** Per-conversation counters the router keeps between turns (the escalation policy reads them). */
export interface RouterState {
  consecutiveNoMatches: number;
  unhelpfulVotes: number;
  /** The conversation's most severe complaint so far: a later handoff's ticket carries it. */
  complaint?: { category: string; severity: ComplaintSeverity };
  /**
   * The entries the bot's last message offered as buttons ("did you mean…?"), in order, and the
   * question that offered them: the next message may name one by its place ("the second one").
   */
  offered?: { entryIds: string[]; question?: number | undefined };
}

/**
 * Routes each message by what the matcher made of it: an answer (then "did this help?"),
 * "did you mean…?" with the candidates, or a two-stage fallback; and, after every customer turn,
 * asks the escalation policy whether a person should take over.
 */
export class MainDialog extends CancelAndHelpDialog {
  constructor(
    services: SupportServices,
    private readonly routerState: StatePropertyAccessor<RouterState>,
  ) {
    super(MAIN_DIALOG, services);
    this.addDialog(new FeedbackDialog(services));
    this.addDialog(new HandoffDialog(services));
    this.addDialog(new CsatDialog(services));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this), this.afterChildStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /**
   * Begins the satisfaction survey in a conversation whose ticket an agent just solved (called
   * from a proactive turn: the customer's next message answers it).
   */
  async beginCsat(
    context: TurnContext,
    dialogState: StatePropertyAccessor<DialogState>,
    options: CsatOptions,
  ): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(this.id, { csat: options });
  }

  /** Runs the dialog stack for one turn, beginning the main dialog when nothing is active. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** "Did this help?" is optional: "cancel" typed there is a new message, not "stop what we are doing". */
  protected override inProgress(dc: DialogContext): boolean {
    const active = dc.activeDialog?.id;
    return active !== undefined && active !== MAIN_WATERFALL && active !== FEEDBACK_DIALOG;
  }

  /** A request for a person in a conversation that had a complaint carries its category and priority. */
  protected override async requestedHandoff(context: TurnContext): Promise<EscalationRequest> {
    return withComplaint(requestedHandoff(context, this.services), await this.state(context));
  }

  private async state(context: TurnContext): Promise<RouterState> {
    const state = await this.routerState.get(context, { consecutiveNoMatches: 0, unhelpfulVotes: 0 });
    state.unhelpfulVotes ??= 0;
    return state;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = await this.state(step.context);
    // Only the message right after an offer can name one of its options: whatever this turn is
    // (a command, small talk, a handoff, a survey), the offer ends here.
    const offered = state.offered;
    state.offered = undefined;
    const csat = (step.options as { csat?: CsatOptions } | undefined)?.csat;
    if (csat !== undefined) return step.beginDialog(CSAT_DIALOG, csat);
    const analysis = getTurnAnalysis(step.context);
    if (analysis === undefined) return step.endDialog();
    const kb = this.services.knowledge();

    rememberComplaint(analysis, state);
    // Nothing is in progress here: "cancel" on its own most likely means an order, so it is a question.
    const detected = this.interruptionOf(step.context);
    const interruption = detected === 'stop' ? null : detected;
    if (interruption !== null || analysis.action?.kind === 'human') {
      if (interruption === 'start-over') state.consecutiveNoMatches = 0;
      await this.handleInterruption(step.context, interruption ?? 'human');
      if (interruption === null || interruption === 'human')
        return step.beginDialog(HANDOFF_DIALOG, await this.requestedHandoff(step.context));
      return step.endDialog();
    }
    const smallTalk =
      analysis.action === undefined ? detectSmallTalk(analysis.text, kb.responses.smallTalk) : undefined;
    if (smallTalk !== undefined) {
      noteTurnKind(step.context, { kind: 'small-talk' });
      const human = actionButton(kb.responses.offerHuman, { kind: 'human' });
      await step.context.sendActivity(
        smallTalk.offerHuman ? messageWithActions(smallTalk.reply, [human]) : smallTalk.reply,
      );
      return step.endDialog();
    }
    const action = analysis.action;
    if (action === undefined && offered !== undefined) {
      const place = optionReference(analysis.text, offered.entryIds.length);
      const entryId = place === undefined ? undefined : offered.entryIds[place];
      const entry = kb.entries.find((e) => e.id === entryId && e.enabled);
      if (entry !== undefined) {
        noteTypedChoice(step.context, { kind: 'entry', entryId: entry.id, question: offered.question });
        noteTurnKind(step.context, { kind: 'button' });
        return this.answer(step, analysis, entry, []);
      }
    }
    if (action?.kind === 'entry') {
      const entry = kb.entries.find((e) => e.id === action.entryId && e.enabled);
      if (entry !== undefined) return this.answer(step, analysis, entry, []);
    }
    if (action?.kind === 'none-of-these') return this.fallback(step, analysis, state);
    if (analysis.text.trim() === '') {
      noteTurnKind(step.context, { kind: 'empty' });
      await step.context.sendActivity(kb.responses.emptyMessage);
      return step.endDialog();
    }

    // Only a question is matched (on this read) and has its match stored; a stale button is no question.
    if (analysis.action === undefined) noteTurnKind(step.context, { kind: 'question' });

    const handover = await this.acknowledgeComplaint(step.context, analysis);
    if (handover !== undefined) {
      const held = handover.skipConfirm || analysis.match?.kind !== 'answer' ? undefined : analysis.match.entry.id;
      return step.beginDialog(HANDOFF_DIALOG, { ...handover, heldAnswer: held });
    }

    const match = analysis.match;
    if (match === undefined) return step.endDialog();
    switch (match.kind) {
      case 'answer': {
        state.consecutiveNoMatches = 0;
        const alternatives = match.candidates.filter((c) => c.entry.id !== match.entry.id).map((c) => c.entry.id);
        return this.answer(step, analysis, match.entry, alternatives);
      }
      case 'ambiguous': {
        state.consecutiveNoMatches = 0;
        const escalation = await this.escalation(step.context, analysis, {});
        if (escalation !== undefined) return step.beginDialog(HANDOFF_DIALOG, escalation);
        const buttons = [
          ...entryButtons(
            kb,
            match.candidates.map((c) => c.entry.id),
            analysis.messageId,
          ),
          actionButton(kb.responses.noneOfThese, { kind: 'none-of-these', question: analysis.messageId }),
        ];
        await step.context.sendActivity(messageWithActions(kb.responses.didYouMean, buttons));
        state.offered = { entryIds: match.candidates.map((c) => c.entry.id), question: analysis.messageId };
        return step.endDialog();
      }
      case 'no-match': {
        // Written in a language the knowledge is not: say which one the bot speaks and offer a person.
        const other = otherLanguageReply(analysis.text, kb.responses);
        if (other === undefined) return this.fallback(step, analysis, state);
        noteTurnLanguage(step.context, other.language);
        const human = actionButton(kb.responses.offerHuman, { kind: 'human' });
        await step.context.sendActivity(messageWithActions(other.text, [human]));
        return step.endDialog();
      }
    }
    return step.endDialog();
  }

  private async answer(
    step: WaterfallStepContext,
    analysis: TurnAnalysis,
    entry: KnowledgeEntry,
    alternatives: string[],
  ): Promise<DialogTurnResult> {
    const kb = this.services.knowledge();
    await step.context.sendActivity(answerActivity(kb, entry));
    noteAnsweredEntry(step.context, entry.id);
    const escalation = await this.escalation(step.context, analysis, { escalateTopic: entry.escalate });
    if (escalation !== undefined) return step.beginDialog(HANDOFF_DIALOG, escalation);
    const options: FeedbackOptions = { questionMessageId: analysis.messageId, entryId: entry.id, alternatives };
    return step.beginDialog(FEEDBACK_DIALOG, options);
  }

  private async fallback(
    step: WaterfallStepContext,
    analysis: TurnAnalysis,
    state: RouterState,
  ): Promise<DialogTurnResult> {
    const { responses } = this.services.knowledge();
    state.consecutiveNoMatches += 1;
    const escalation = await this.escalation(step.context, analysis, {});
    if (escalation !== undefined) {
      // A complaint or an angry customer goes straight to the handoff: no "could you rephrase?".
      // After repeated misses the offer says why, as the one question of the turn.
      state.consecutiveNoMatches = 0;
      const offer = escalation.reason === 'repeated_no_match' ? { confirmPrompt: responses.fallbackOfferHuman } : {};
      return step.beginDialog(HANDOFF_DIALOG, { ...escalation, ...offer });
    }
    const complaint = analysis.complaint;
    if (complaint?.isComplaint === true) {
      // The complaint was acknowledged above ("…let me see what I can do"): "I didn't quite get
      // that" would take the apology back. With nothing in the knowledge for it, a person is
      // offered (asked, not imposed: a "no" keeps the bot).
      state.consecutiveNoMatches = 0;
      const offer: EscalationRequest = {
        reason: 'complaint',
        priority: complaintPriority(complaint.severity),
        skipConfirm: false,
        category: complaint.category,
        customerId: analysis.customerId,
      };
      // Asked even when an earlier complaint makes the ticket urgent: nothing here says why a person comes.
      return step.beginDialog(HANDOFF_DIALOG, { ...withComplaint(offer, state), skipConfirm: false });
    }
    await step.context.sendActivity(responses.fallback);
    return step.endDialog();
  }

  private async afterChildStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as FeedbackResult | undefined;
    // The customer moved on instead of voting: route this same message as a new question.
    if (result?.reroute === true) return step.replaceDialog(MAIN_WATERFALL);
    if (result?.helpful === false) {
      const state = await this.state(step.context);
      state.unhelpfulVotes += 1;
      const analysis = getTurnAnalysis(step.context);
      const escalation = analysis === undefined ? undefined : await this.escalation(step.context, analysis, {});
      // Offering a person is the turn's one question: the "sorry, did you mean…" buttons would be
      // replaced by the Yes / No below them anyway (Web Chat shows the latest message's buttons).
      if (escalation !== undefined) return step.replaceDialog(HANDOFF_DIALOG, escalation);
      if (result.reply !== undefined) {
        await step.context.sendActivity(result.reply);
        if (result.offered !== undefined) state.offered = result.offered;
      }
    }
    return step.endDialog();
  }

  /**
   * A complaint is acknowledged in words first (wording by severity, from responses.yaml) and
   * remembered for the ticket. When the complaint alone warrants a person, returns the handoff
   * request, so the customer is not given a routine answer first; otherwise the question is
   * answered as usual.
   */
  private async acknowledgeComplaint(
    context: TurnContext,
    analysis: TurnAnalysis,
  ): Promise<EscalationRequest | undefined> {
    const complaint = analysis.complaint;
    if (complaint?.isComplaint !== true) return undefined;
    const { responses } = this.services.knowledge();
    await context.sendActivity(ACKNOWLEDGEMENT[complaint.severity](responses));
    const escalation = await this.escalation(context, analysis, {});
    return escalation?.reason === 'complaint' ? escalation : undefined;
  }

  /** Asks the escalation policy about this turn; `undefined` when the bot keeps the conversation. */
  private async escalation(
    context: TurnContext,
    analysis: TurnAnalysis,
    extra: Partial<EscalationSignals>,
  ): Promise<EscalationRequest | undefined> {
    const state = await this.state(context);
    const signals: EscalationSignals = {
      requestedHuman: false,
      consecutiveNoMatches: state.consecutiveNoMatches,
      unhelpfulVotes: state.unhelpfulVotes,
      escalateTopic: false,
      ...(analysis.sentiment === undefined ? {} : { sentiment: analysis.sentiment }),
      ...(analysis.complaint?.isComplaint === true
        ? { complaint: { severity: analysis.complaint.severity, category: analysis.complaint.category } }
        : {}),
      ...extra,
    };
    const decision = this.services.decideEscalation(signals);
    if (!decision.escalate) return undefined;
    if (decision.reason === 'unhelpful') state.unhelpfulVotes = 0;
    return withComplaint(
      {
        reason: decision.reason,
        priority: decision.priority,
        skipConfirm: decision.priority === 'urgent',
        category: analysis.complaint?.isComplaint === true ? analysis.complaint.category : null,
        customerId: analysis.customerId,
      },
      state,
    );
  }
}

/** Keeps the conversation's most severe complaint (the latest of equal ones) in the router state. */
function rememberComplaint(analysis: TurnAnalysis, state: RouterState): void {
  const complaint = analysis.complaint;
  if (complaint?.isComplaint !== true) return;
  const worst = state.complaint?.severity;
  if (worst === undefined || COMPLAINT_SEVERITIES.indexOf(complaint.severity) >= COMPLAINT_SEVERITIES.indexOf(worst))
    state.complaint = { category: complaint.category, severity: complaint.severity };
}

/** A handoff in a conversation that had a complaint carries its category and at least its priority. */
function withComplaint(request: EscalationRequest, state: RouterState): EscalationRequest {
  const complaint = state.complaint;
  if (complaint === undefined) return request;
  const priority = higherPriority(request.priority, complaintPriority(complaint.severity));
  return {
    ...request,
    priority,
    skipConfirm: request.skipConfirm || priority === 'urgent',
    category: request.category ?? complaint.category,
  };
}
