import type { Agent } from '../agents/agent.ts';
import type { Logger } from '../logging/logger.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { TicketClosedError } from '../tickets/ticket-closed.error.ts';
import type { TicketCommandService } from '../tickets/ticket-command.service.ts';
import { requireText } from '../tickets/ticket-input.ts';
import type { TicketQueryService } from '../tickets/ticket-query.service.ts';
import type { LiveHandoffService } from './live-handoff.service.ts';
import { ReplyNotDeliveredError } from './reply-not-delivered.error.ts';

/** The agent as the customer sees them. */
export interface AgentIdentity {
  readonly id: number;
  readonly name: string;
}

/** A reply that reached the customer; `recorded` is false when its ticket event could not be stored (logged). */
export interface DeliveredReply {
  readonly recorded: boolean;
}

/** What became of an agent's typing signal: shown in the live chat, or dropped because there is none. */
export type TypingOutcome = { readonly kind: 'shown' } | { readonly kind: 'no-live-chat' };

/** How the handoff talks into a customer's chat (implemented by the bot's `LiveChat`; no botbuilder here). */
export interface LiveChatChannel {
  /** Resolves once the conversation has the agent's message; rejects when nothing reached it. */
  sendAgentReply(conversationId: string, agent: AgentIdentity, text: string): Promise<void>;
  /** Shows the customer that `agent` is typing; rejects when it did not get there. */
  sendAgentTyping(conversationId: string, agent: AgentIdentity): Promise<void>;
  /** `handoff.status: accepted` and who joined. */
  announceAccepted(conversationId: string, agent: AgentIdentity): Promise<void>;
  /** `handoff.status: completed`; the bot takes the chat back and asks for a rating of `reference`. */
  announceCompleted(conversationId: string, reference: string): Promise<void>;
}

export interface AgentHandoffDeps {
  readonly liveHandoffs: LiveHandoffService;
  readonly ticketQueries: TicketQueryService;
  readonly tickets: TicketCommandService;
  readonly agents: { findActive(id: number): Promise<Agent | undefined> };
  readonly liveChat: LiveChatChannel;
  readonly logger?: Logger | undefined;
}

/**
 * What agents do in a customer's live chat: reply into it, and have claims and solves announced
 * (`handoff.status` `accepted` / `completed`), each at most once per handoff state change.
 */
export class AgentHandoffService {
  constructor(private readonly deps: AgentHandoffDeps) {}

  /**
   * Tells the customer's chat about an agent's ticket change: a solve or close completes the
   * handoff, an assignment accepts it. The ticket change stands even if the chat cannot be told
   * (logged, never thrown).
   */
  async announceChange(ticket: Ticket, assigneeId: number | null | undefined): Promise<void> {
    try {
      if (ticket.status === 'solved' || ticket.status === 'closed') {
        await this.complete(ticket);
      } else if (assigneeId !== undefined && assigneeId !== null) {
        const assignee = await this.deps.agents.findActive(assigneeId);
        if (assignee !== undefined) await this.accept(ticket, assignee);
      }
    } catch (error) {
      this.deps.logger?.error(
        { err: error, ticket: ticket.reference },
        'could not announce a ticket change in the live chat',
      );
    }
  }

  /**
   * A reopened ticket takes the chat back from the bot: its live handoff starts again (pending, as
   * after an escalation), so the customer's next messages go to the ticket and the agent's reply
   * claims it. The reopen stands even if this fails (logged, never thrown).
   */
  async resume(ticket: Ticket): Promise<void> {
    try {
      await this.deps.liveHandoffs.start(ticket.reference);
    } catch (error) {
      this.deps.logger?.error(
        { err: error, ticket: ticket.reference },
        'could not resume the live chat of a reopened ticket',
      );
    }
  }

  /**
   * Sends an agent's reply into the ticket's conversation (claiming the handoff first), then
   * records it on the ticket. The ticket is read once. The text is checked against the ticket's
   * limits first, so what is sent can always be recorded; once the customer has it, a failure to
   * record is logged and reported as `recorded: false`, never as a failed delivery (the agent
   * would send it twice).
   *
   * @throws ValidationError (nothing sent) for an empty text or one over `MAX_NOTE_LENGTH`.
   * @throws TicketNotFoundError
   * @throws TicketClosedError when the ticket is solved or closed (nothing sent).
   * @throws ReplyNotDeliveredError when the chat could not be reached (nothing sent, nothing recorded).
   */
  async reply(reference: string, agent: AgentIdentity, text: string): Promise<DeliveredReply> {
    requireText(text);
    const ticket = await this.deps.ticketQueries.byReference(reference);
    if (ticket.status === 'solved' || ticket.status === 'closed')
      throw new TicketClosedError(ticket.reference, ticket.status);
    await this.accept(ticket, agent);
    try {
      await this.deps.liveChat.sendAgentReply(ticket.conversationId, agent, text);
    } catch (error) {
      throw new ReplyNotDeliveredError(ticket.reference, error);
    }
    try {
      await this.deps.tickets.recordReply(ticket.reference, agent.id, text);
      return { recorded: true };
    } catch (error) {
      this.deps.logger?.error(
        { err: error, ticket: ticket.reference, agentId: agent.id },
        'an agent reply reached the customer but its ticket event could not be stored',
      );
      return { recorded: false };
    }
  }

  /**
   * Shows the customer that `agent` is typing in the ticket's live chat. Only while a person has
   * the chat (handoff pending or accepted): otherwise, and when the chat cannot be reached (the
   * signal is a courtesy, logged), nothing is shown. Never claims the ticket.
   *
   * @throws TicketNotFoundError
   */
  async typing(reference: string, agent: AgentIdentity): Promise<TypingOutcome> {
    const ticket = await this.deps.ticketQueries.byReference(reference);
    if (ticket.status === 'solved' || ticket.status === 'closed') return { kind: 'no-live-chat' };
    const live = await this.deps.liveHandoffs.live(ticket.conversationId);
    if (live === undefined || live.ticketId !== ticket.id) return { kind: 'no-live-chat' };
    try {
      await this.deps.liveChat.sendAgentTyping(ticket.conversationId, agent);
      return { kind: 'shown' };
    } catch (error) {
      this.deps.logger?.warn({ err: error, ticket: ticket.reference }, 'could not show an agent typing');
      return { kind: 'no-live-chat' };
    }
  }

  /** `pending` → `accepted`, announced only when this call changed it. */
  private async accept(ticket: Ticket, agent: AgentIdentity): Promise<void> {
    const changed = await this.deps.liveHandoffs.accept(ticket.id, agent.id);
    if (changed !== undefined) await this.deps.liveChat.announceAccepted(ticket.conversationId, agent);
  }

  /** Live → `completed`, announced only when this call changed it. */
  private async complete(ticket: Ticket): Promise<void> {
    const changed = await this.deps.liveHandoffs.complete(ticket.id);
    if (changed !== undefined) await this.deps.liveChat.announceCompleted(ticket.conversationId, ticket.reference);
  }
}
