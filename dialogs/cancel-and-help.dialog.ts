import type { TurnContext } from 'botbuilder';
import { ComponentDialog, type DialogContext, type DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import { HANDOFF_DIALOG } from '../src/chat/dialog-ids.ts';
import { detectInterruption, type Interruption } from '../src/chat/interruptions.ts';
import { oncePerTurn } from '../src/chat/once-per-turn.ts';
import type { EscalationRequest, SupportServices } from '../src/chat/support-services.ts';
import { getTurnAnalysis, noteTurnKind } from '../src/chat/turn-analysis.ts';

/** Set when the outermost dialog let this turn's interruption through: inner dialogs do not re-decide it. */
const PASSED_ON = Symbol('answerdesk.interruptionPassedOn');

/**
 * Base for every dialog: "help", "start over", "cancel" and a request for a person interrupt it at
 * any step (the samples' `CancelAndHelpDialog`). "cancel" / "stop" only while something is in
 * progress ({@link CancelAndHelpDialog.inProgress}); a repeated request for a person while the
 * handoff is already running goes to the handoff, which hears it as "yes".
 */
export abstract class CancelAndHelpDialog extends ComponentDialog {
  constructor(
    id: string,
    protected readonly services: SupportServices,
  ) {
    super(id);
  }

  override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const interruption = this.interruptionOf(dc.context);
    if (interruption === null) return super.onContinueDialog(dc);
    if (!this.takesInterruption(dc, interruption)) {
      dc.context.turnState.set(PASSED_ON, true);
      return super.onContinueDialog(dc);
    }
    await this.handleInterruption(dc.context, interruption);
    // After help, the current step keeps waiting: the customer can still answer it.
    if (interruption === 'help') return { status: DialogTurnStatus.waiting };
    await dc.cancelAllDialogs();
    return interruption === 'human'
      ? dc.beginDialog(HANDOFF_DIALOG, await this.requestedHandoff(dc.context))
      : { status: DialogTurnStatus.complete };
  }

  /** The handoff to start when the customer asks for a person; a dialog may add what it knows. */
  protected async requestedHandoff(context: TurnContext): Promise<EscalationRequest> {
    return requestedHandoff(context, this.services);
  }

  /** This turn's interruption, or `null` (also when an outer dialog already let it through). */
  protected interruptionOf(context: TurnContext): Interruption | null {
    if (context.activity.type !== 'message' || context.turnState.get(PASSED_ON) === true) return null;
    // Each dialog level of the stack asks; the message is read once.
    const { text } = context.activity;
    return oncePerTurn(context, detectInterruption, [text], () => detectInterruption(text));
  }

  /** Whether the interruption stops the active child now, or the child gets the message. */
  private takesInterruption(dc: DialogContext, interruption: Interruption): boolean {
    if (interruption === 'human') return dc.activeDialog?.id !== HANDOFF_DIALOG;
    if (interruption === 'stop') return this.inProgress(dc);
    return true;
  }

  /**
   * Whether the customer is in the middle of something "cancel" would stop. By default any active
   * child; a dialog whose children include optional questions says which count.
   */
  protected inProgress(dc: DialogContext): boolean {
    return dc.activeDialog !== undefined;
  }

  /** Says or does what the interruption asks for; the caller decides what happens to the dialog. */
  protected async handleInterruption(context: TurnContext, interruption: Interruption): Promise<void> {
    const { responses } = this.services.knowledge();
    // The "Talk to a person" button arrives here too: it stays a button press.
    if (getTurnAnalysis(context)?.action === undefined) noteTurnKind(context, { kind: 'command' });
    switch (interruption) {
      case 'help':
        await context.sendActivity(responses.help);
        return;
      case 'start-over':
      case 'stop':
        await context.sendActivity(responses.startOver);
        return;
      case 'human':
        await this.services.recordHandoffRequest(context, 'requested');
        return;
    }
  }
}

/**
 * A handoff the customer asked for in so many words: no "are you sure?". A request inside a
 * complaint or an angry message ("the driver smashed my parcel, I want a manager") keeps what the
 * escalation policy makes of it: its reason, priority and category, not a routine request.
 */
export function requestedHandoff(context: TurnContext, services: SupportServices): EscalationRequest {
  const analysis = getTurnAnalysis(context);
  const complaint = analysis?.complaint?.isComplaint === true ? analysis.complaint : undefined;
  const decision = services.decideEscalation({
    requestedHuman: true,
    consecutiveNoMatches: 0,
    unhelpfulVotes: 0,
    escalateTopic: false,
    ...(analysis?.sentiment === undefined ? {} : { sentiment: analysis.sentiment }),
    ...(complaint === undefined ? {} : { complaint: { severity: complaint.severity, category: complaint.category } }),
  });
  return {
    reason: decision.escalate ? decision.reason : 'requested',
    priority: decision.escalate ? decision.priority : 'normal',
    skipConfirm: true,
    category: complaint?.category ?? null,
    customerId: analysis?.customerId ?? 0,
  };
}
