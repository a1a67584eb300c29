import type { TurnContext } from 'botbuilder';
import { ComponentDialog, type DialogContext, type DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import { HANDOFF_DIALOG } from '../src/chat/dialog-ids.ts';
import { detectInterruption, type Interruption } from '../src/chat/interruptions.ts';
import type { EscalationRequest, SupportServices } from '../src/chat/support-services.ts';
import { getTurnAnalysis } from '../src/chat/turn-analysis.ts';

/**
 * Base for every dialog: "help", "start over" and "talk to a human" interrupt it at any step
 * (the samples' `CancelAndHelpDialog`).
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
    return requestedHandoff(context);
  }

  protected interruptionOf(context: TurnContext): Interruption | null {
    return context.activity.type === 'message' ? detectInterruption(context.activity.text) : null;
  }

  /** Says or does what the interruption asks for; the caller decides what happens to the dialog. */
  protected async handleInterruption(context: TurnContext, interruption: Interruption): Promise<void> {
    const { responses } = this.services.knowledge();
    switch (interruption) {
      case 'help':
        await context.sendActivity(responses.help);
        return;
      case 'start-over':
        await context.sendActivity(responses.startOver);
        return;
      case 'human':
        await this.services.recordHandoffRequest(context, 'requested');
        return;
    }
  }
}

/** A handoff the customer asked for in so many words: no "are you sure?". */
export function requestedHandoff(context: TurnContext): EscalationRequest {
  const analysis = getTurnAnalysis(context);
  return {
    reason: 'requested',
    priority: 'normal',
    skipConfirm: true,
    category: null,
    customerId: analysis?.customerId ?? 0,
  };
}
