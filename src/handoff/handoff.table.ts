/** Row of `handoffs`: the live-chat state of a ticket's conversation. */
export interface HandoffTable {
  ticket_id: number;
  conversation_id: string;
  /** One of `HANDOFF_STATES`. */
  state: string;
  agent_id: number | null;
  started_at: string;
  state_changed_at: string;
}
