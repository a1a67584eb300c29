import {
  ActivityTypes,
  type ChannelAccount,
  type CloudAdapter,
  type ConversationReference,
  RoleTypes,
  type TurnContext,
} from 'botbuilder';
import type { FeedbackService } from '../conversations/feedback.service.ts';
import type { AgentIdentity, LiveChatChannel } from '../handoff/agent-handoff.service.ts';
import type { HandoffState } from '../handoff/handoff.ts';
import { fill } from '../knowledge/fill-template.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { DirectLineBridge } from './directline-bridge.ts';
import type { SupportBot } from './support-bot.ts';

export interface LiveChatDeps {
  readonly adapter: CloudAdapter;
  readonly directLine: DirectLineBridge;
  readonly appId: string;
  readonly bot: SupportBot;
  readonly feedback: FeedbackService;
  readonly knowledge: () => KnowledgeBase;
}

/**
 * Talks into a customer's live chat for the handoff services: agent replies, `handoff.status`
 * events (`accepted`, `completed`, `failed`) and the satisfaction survey, all as proactive messages
 * through the conversation's stored reference. Transport only: which handoff state changes and
 * what a ticket records is decided in `src/handoff`.
 */
export class LiveChat implements LiveChatChannel {
  constructor(private readonly deps: LiveChatDeps) {}

  /** Sends an agent's message into the conversation from the agent's own account; rejects when it did not get there. */
  async sendAgentReply(conversationId: string, agent: AgentIdentity, text: string): Promise<void> {
    await this.continueConversation(conversationId, async (context) => {
      asAgent(context, agent);
      await context.sendActivity({
        type: ActivityTypes.Message,
        text,
        // Agents write plain text: never let it render as Markdown links or HTML in the widget.
        textFormat: 'plain',
        channelData: { answerdesk: { author: 'agent', agentId: agent.id, agentName: agent.name } },
      });
    });
  }

  /** Shows the customer that the agent is typing (a `typing` activity from the agent's account). */
  async sendAgentTyping(conversationId: string, agent: AgentIdentity): Promise<void> {
    await this.continueConversation(conversationId, async (context) => {
      asAgent(context, agent);
      await context.sendActivity({
        type: ActivityTypes.Typing,
        channelData: { answerdesk: { author: 'agent', agentId: agent.id, agentName: agent.name } },
      });
    });
  }

  /** An agent claimed the ticket: tell the customer who joined (`handoff.status: accepted`). */
  async announceAccepted(conversationId: string, agent: AgentIdentity): Promise<void> {
    await this.continueConversation(conversationId, async (context) => {
      await this.sendStatus(context, 'accepted');
      await context.sendActivity(fill(this.deps.knowledge().responses.agentJoined, { agent: agent.name }));
    });
  }

  /** The ticket was solved: the bot takes the chat back (`completed`) and asks for a rating. */
  async announceCompleted(conversationId: string, reference: string): Promise<void> {
    await this.continueConversation(conversationId, async (context) => {
      await this.sendStatus(context, 'completed');
      await this.deps.bot.beginCsat(context, reference);
    });
  }

  /** Nobody took the chat in time (`failed`): the customer will get an email reply instead. */
  async failed(conversationId: string): Promise<void> {
    await this.continueConversation(conversationId, async (context) => {
      await this.sendStatus(context, 'failed');
      await context.sendActivity(this.deps.knowledge().responses.handoffFailed);
    });
  }

  private async sendStatus(context: TurnContext, state: HandoffState): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Event, name: 'handoff.status', value: { state } });
  }

  private async continueConversation(
    conversationId: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const json = await this.deps.feedback.conversationReference(conversationId);
    if (json === undefined) throw new Error(`No conversation reference stored for ${conversationId}`);
    const reference = JSON.parse(json) as Partial<ConversationReference>;
    const proactive = async (context: TurnContext): Promise<void> => {
      repliesToNothing(context);
      await logic(context);
    };
    if (reference.channelId === 'directline') {
      await this.deps.directLine.continueConversation(reference, proactive);
    } else {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, proactive);
    }
  }
}

/** The account an agent's activities come from: their own id and name (role `bot`, which every channel accepts). */
function agentAccount(agent: AgentIdentity): ChannelAccount {
  return { id: `agent-${agent.id}`, name: agent.name, role: RoleTypes.Bot };
}

/** What this turn sends comes from `agent` (sending stamps the bot's account first, so it goes on afterwards). */
function asAgent(context: TurnContext, agent: AgentIdentity): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const activity of activities) activity.from = agentAccount(agent);
    return next();
  });
}

/**
 * A proactive turn answers no activity of the customer's: botbuilder stamps the continuation
 * event's own id as `replyToId`, an id no client ever sees, and Web Chat holds a reply to an
 * activity it has not got for up to 5 seconds before showing it.
 */
function repliesToNothing(context: TurnContext): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}
