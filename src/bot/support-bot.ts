import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog, RouterState } from '../../dialogs/main.dialog.ts';
import { entryButtons, messageWithActions } from '../chat/answer-activity.ts';
import { getTurnAnalysis, noteTurnKind } from '../chat/turn-analysis.ts';
import type { LiveHandoffService } from '../handoff/live-handoff.service.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { liveHandoffTurn } from './live-handoff-turn.ts';

const DIALOG_STATE_PROPERTY = 'dialogState';
const ROUTER_STATE_PROPERTY = 'routerState';
const HANDOFF_NOTICE_PROPERTY = 'handoffNoticeTicket';

/**
 * The activity handler: welcomes customers with a few popular topics and hands every message to
 * the main dialog. Conversation state (dialog stack and router counters) lives in the database
 * `Storage` and is saved at the end of every turn, so a restart continues where the customer was.
 */
export class SupportBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  private readonly handoffNotice: StatePropertyAccessor<number>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly mainDialog: MainDialog,
    private readonly knowledge: () => KnowledgeBase,
    private readonly handoffs: LiveHandoffService,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.handoffNotice = conversationState.createProperty<number>(HANDOFF_NOTICE_PROPERTY);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (joined.length > 0) await this.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      if (!(await this.forwardToAgent(context))) await this.mainDialog.run(context, this.dialogState);
      await next();
    });
  }

  /** The router's per-conversation counters (for the main dialog). */
  static routerStateOf(conversationState: ConversationState): StatePropertyAccessor<RouterState> {
    return conversationState.createProperty<RouterState>(ROUTER_STATE_PROPERTY);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }

  /**
   * While a person has (or is about to take) the conversation, the bot stays silent: the
   * customer's message goes to the ticket, and until an agent takes it the bot says once that a
   * person will reply.
   * Returns false when the bot should handle the message itself.
   */
  private async forwardToAgent(context: TurnContext): Promise<boolean> {
    const conversationId = context.activity.conversation.id;
    // The feedback middleware looked it up already (once per turn); a harness without it did not.
    const handoff = (liveHandoffTurn.of(context) ?? { handoff: await this.handoffs.live(conversationId) }).handoff;
    if (handoff === undefined) return false;
    noteTurnKind(context, { kind: 'to-agent' });
    await this.handoffs.forwardCustomerMessage(
      conversationId,
      context.activity.text ?? '',
      getTurnAnalysis(context)?.messageId,
    );
    // Said only while nobody has taken the chat: once an agent has joined, "a person will reply"
    // would contradict the agent's own messages above it.
    if (handoff.state === 'pending' && (await this.handoffNotice.get(context)) !== handoff.ticketId) {
      await this.handoffNotice.set(context, handoff.ticketId);
      await context.sendActivity(this.knowledge().responses.handoffWaiting);
    }
    return true;
  }

  /** Begins the satisfaction survey (from a proactive turn, after the agent solved the ticket). */
  async beginCsat(context: TurnContext, ticketReference: string): Promise<void> {
    await this.mainDialog.beginCsat(context, this.dialogState, { ticketReference });
    await this.conversationState.saveChanges(context, false);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const kb = this.knowledge();
    await context.sendActivity(messageWithActions(kb.responses.greeting, entryButtons(kb, kb.responses.popularTopics)));
  }
}
