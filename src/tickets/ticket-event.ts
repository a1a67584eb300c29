/** Everything that can happen to a ticket; the audit trail is append-only. */
const TICKET_EVENT_TYPES = [
  'created',
  'escalated_again',
  'assigned',
  'status_changed',
  'priority_changed',
  'note',
  'reply',
  'customer_message',
  'csat',
  /** The satisfaction survey was put to the customer (the denominator of the CSAT response rate). */
  'csat_sent',
] as const;

export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** Who did it: the bot, the customer, or an agent by id (`agent:7`). */
export type TicketActor = 'bot' | 'customer' | `agent:${number}`;

/** The actor string for an agent. */
export function agentActor(agentId: number): TicketActor {
  return `agent:${agentId}`;
}

/**
 * One entry of a ticket's audit trail. `note` events are internal: they are never sent to the
 * customer and never appear in the conversation transcript.
 */
export interface TicketEvent {
  readonly id: number;
  readonly ticketId: number;
  readonly type: TicketEventType;
  readonly actor: TicketActor;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}
