import type { Activity, TurnContext } from 'botbuilder';
import type { EscalationDecision, EscalationReason, EscalationSignals } from '../escalation/escalation-policy.ts';
import type { TicketPriority } from '../escalation/ticket-priority.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';

export type HandoffReason = EscalationReason;

/** What the handoff dialog is asked to do. */
export interface EscalationRequest {
  readonly reason: HandoffReason;
  readonly priority: TicketPriority;
  /** Skip "would you like a person?": the customer asked, or the complaint is critical. */
  readonly skipConfirm: boolean;
  /**
   * The words of "would you like a person?" when the turn has its own (after repeated misses: "I'm
   * still not finding an answer… would you like to talk to a person?"), so the customer is asked
   * one question, not the same one twice. Default: `handoffConfirm`.
   */
  readonly confirmPrompt?: string | undefined;
  /**
   * The entry that answers the message, held back because the complaint went to a person first:
   * a customer who declines the person gets this answer instead of nothing.
   */
  readonly heldAnswer?: string | undefined;
  readonly category: string | null;
  /** Fallback when the turn has no analysis (e.g. an event). */
  readonly customerId: number;
}

/** What the CRM knows about how to reach the customer. */
interface CustomerContact {
  readonly name: string | null;
  readonly email: string | null;
}

/**
 * Everything the dialogs need from the rest of the product, handed in through constructors so
 * that tests can pass fakes.
 */
export interface SupportServices {
  /** The knowledge base being served right now (hot-reloaded). */
  knowledge(): KnowledgeBase;
  /** Stores a helpful / not-helpful vote on the question whose answer was rated. */
  recordVote(messageId: number, helpful: boolean): Promise<void>;
  /** Records that the customer asked for a person (kept even when no ticket follows). */
  recordHandoffRequest(context: TurnContext, reason: HandoffReason): Promise<void>;
  /** The escalation policy with the configured thresholds. */
  decideEscalation(signals: EscalationSignals): EscalationDecision;
  contactOf(customerId: number): Promise<CustomerContact>;
  /**
   * Saves contact details. `customerId` changes when the email merges two customers;
   * `unlinkedEmail` is an email that belongs to another customer and was not linked to this one
   * (the chat is not signed in): it goes to the ticket as a note for the agent instead.
   */
  saveContact(
    customerId: number,
    contact: { name?: string; email?: string },
  ): Promise<{ customerId: number; unlinkedEmail: string | null }>;
  /**
   * Opens a ticket for the conversation (its subject: the first complaint, else the first question),
   * or adds to its open one; returns the conversation so far as activities, for `handoff.initiate`.
   */
  openTicket(
    request: EscalationRequest & { conversationId: string; unlinkedEmail?: string | null },
  ): Promise<{ reference: string; created: boolean; transcript: Array<Partial<Activity>> }>;
  /** Starts the live handoff of a ticket just opened or updated: the bot goes silent until it ends. */
  startLiveHandoff(reference: string): Promise<void>;
  /**
   * Whether the team chats live right now (business hours); when not, when it is back, as the
   * customer reads it ("Monday, December 28 at 8:00 AM EST"; undefined when no opening is in sight).
   */
  teamAvailability(): { readonly kind: 'open' } | { readonly kind: 'closed'; readonly backAt: string | undefined };
  /** Stores the customer's 1–5 rating and optional comment on the ticket. */
  recordCsat(reference: string, rating: number, comment: string | null): Promise<void>;
  /** Records that the satisfaction survey was asked for the ticket (the response rate's denominator). */
  recordCsatSent(reference: string): Promise<void>;
}
