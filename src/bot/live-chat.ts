import {
  ActivityTypes,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { FeedbackService } from '../conversations/feedback.service.ts';
import type { LiveHandoffService } from '../handoff/live-handoff.service.ts';
import type { HandoffState } from '../handoff/handoff.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Logger } from '../logging/logger.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import type { DirectLineBridge } from './directline-bridge.ts';
import { ReplyNotDeliveredError } from './reply-not-delivered.error.ts';
import { requireText } from '../tickets/ticket-input.ts';
import type { SupportBot } from './support-bot.ts';
import { fill } from '../knowledge/fill-template.ts';

/** A reply that reached the customer; `recorded` is false when its ticket event could not be stored (logged). */
export interface DeliveredReply {
  readonly recorded: boolean;
}

/** The agent as the customer sees them. */
export interface AgentIdentity {
  readonly id: number;
  readonly name: string;
}

export interface LiveChatDeps {
  readonly adapter: CloudAdapter;
  readonly directLine: DirectLineBridge;
  readonly appId: string;
  readonly bot: SupportBot;
  readonly feedback: FeedbackService;
  readonly tickets: TicketService;
  readonly handoffs: LiveHandoffService;
  readonly knowledge: () => KnowledgeBase;
  readonly logger: Logger;
}

/**
 * Talks into a customer's live chat on behalf of agents and the handoff protocol: agent replies,
 * `handoff.status` events (`accepted`, `completed`, `failed`) and the satisfaction survey, all as
 * proactive messages through the conversation's stored reference.
 */
export class LiveChat {
  constructor(private readonly deps: LiveChatDeps) {}

  /**
   * Sends an agent's reply into the ticket's conversation, then records it on the ticket. The text
   * is checked against the ticket's limits first, so what is sent can always be recorded; once the
   * customer has it, a failure to record is logged and reported as `recorded: false`, never as a
   * failed delivery (the agent would send it twice).
   *
   * @throws ValidationError (nothing sent) for an empty text or one over `MAX_NOTE_LENGTH`.
   * @throws ReplyNotDeliveredError when the chat could not be reached (nothing sent, nothing recorded).
   */
  async sendAgentReply(reference: string, agent: AgentIdentity, text: string): Promise<DeliveredReply> {
    requireText(text);
    const { ticket } = await this.deps.tickets.get(reference);
    try {
      await this.deliverAgentReply(ticket.conversationId, agent, text);
    } catch (error) {
      throw new ReplyNotDeliveredError(reference, error);
    }
    try {
      await this.deps.tickets.recordReply(reference, agent.id, text);
      return { recorded: true };
    } catch (error) {
      this.deps.logger.error({ err: error, ticket: reference, agentId: agent.id }, 'an agent reply reached the customer but its ticket event could not be stored');
      return { recorded: false };
    }
  }

  private async deliverAgentReply(conversationId: string, agent: AgentIdentity, text: string): Promise<void> {
    await this.continueConversation(conversationId, async (context) => {
      // Sending stamps the bot's account on every activity; the agent's name goes on afterwards.
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const activity of activities) {
          if (activity.from !== undefined) activity.from = { ...activity.from, name: agent.name };
        }
        return next();
      });
      await context.sendActivity({
        type: ActivityTypes.Message,
        text,
        // Agents write plain text: never let it render as Markdown links or HTML in the widget.
        textFormat: 'plain',
        channelData: { answerdesk: { author: 'agent', agentId: agent.id, agentName: agent.name } },
      });
    });
  }

  /** An agent claimed the ticket: tell the customer who joined (`handoff.status: accepted`). */
  async accepted(reference: string, agent: AgentIdentity): Promise<void> {
    const { ticket } = await this.deps.tickets.get(reference);
    const changed = await this.deps.handoffs.accept(ticket.id, agent.id);
    if (changed === undefined) return;
    await this.continueConversation(ticket.conversationId, async (context) => {
      await this.sendStatus(context, 'accepted');
      await context.sendActivity(fill(this.deps.knowledge().responses.agentJoined, { agent: agent.name }));
    });
  }

  /** The ticket was solved: the bot takes the chat back (`completed`) and asks for a rating. */
  async completed(reference: string): Promise<void> {
    const { ticket } = await this.deps.tickets.get(reference);
    const changed = await this.deps.handoffs.complete(ticket.id);
    if (changed === undefined) return;
    await this.continueConversation(ticket.conversationId, async (context) => {
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

  private async continueConversation(conversationId: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const json = await this.deps.feedback.conversationReference(conversationId);
    if (json === undefined) throw new Error(`No conversation reference stored for ${conversationId}`);
    const reference = JSON.parse(json) as Partial<ConversationReference>;
    if (reference.channelId === 'directline') {
      await this.deps.directLine.continueConversation(reference, logic);
    } else {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, logic);
    }
  }
}
