/**
 * Live handoff states, after the Bot Framework handoff protocol: `pending` after `handoff.initiate`
 * until an agent claims the ticket (`accepted`); `completed` when the agent solves it and the bot
 * takes the conversation back; `failed` when nobody claimed it in time (the customer gets an email
 * reply instead, and the bot answers questions again meanwhile).
 */
export const HANDOFF_STATES = ['pending', 'accepted', 'completed', 'failed'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** States in which the bot stays silent and the customer's messages go to the ticket. */
export const LIVE_HANDOFF_STATES: readonly HandoffState[] = ['pending', 'accepted'];

export interface Handoff {
  readonly ticketId: number;
  readonly conversationId: string;
  readonly state: HandoffState;
  readonly agentId: number | null;
  readonly startedAt: string;
  readonly stateChangedAt: string;
}
