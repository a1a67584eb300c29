/** A stored row as exported: its columns in camelCase, JSON columns parsed. */
export type ExportedRow = Readonly<Record<string, unknown>>;

/** One conversation of the customer with everything stored under it. */
export interface ExportedConversation {
  readonly conversation: ExportedRow;
  /** The feedback records (every inbound and outbound activity), in order. */
  readonly messages: readonly ExportedRow[];
  readonly handoffRequests: readonly ExportedRow[];
  /** The Direct Line conversation and its transcript (each activity exactly as the widget got it); null on other channels. */
  readonly directLine: { readonly conversation: ExportedRow; readonly activities: readonly ExportedRow[] } | null;
  /** The bot's saved state for the conversation (dialog state, prompts in progress). */
  readonly botState: readonly ExportedRow[];
}

/** One ticket with its events, live-chat state and the notifications sent to agents about it. */
export interface ExportedTicket {
  readonly ticket: ExportedRow;
  readonly events: readonly ExportedRow[];
  readonly handoff: ExportedRow | null;
  readonly notifications: readonly ExportedRow[];
}

/**
 * Everything stored about one customer (`answerdesk customer export`, `GET
 * /api/admin/customers/:id/export`). Rows are exported column by column, so a column added to a
 * table later is exported without a change here.
 */
export interface CustomerExport {
  readonly format: 'answerdesk-customer-export/1';
  readonly exportedAt: string;
  readonly customer: ExportedRow;
  readonly identities: readonly ExportedRow[];
  readonly conversations: readonly ExportedConversation[];
  /** Ratings are on the tickets (`csatRating`, `csatComment`) and their `csat` events. */
  readonly tickets: readonly ExportedTicket[];
}
