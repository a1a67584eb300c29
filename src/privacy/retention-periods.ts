/**
 * How long each kind of record is kept, in days (`RETENTION_*`); 0 keeps it forever. Defaults
 * are in `src/config/config.ts` and the README.
 */
export interface RetentionPeriods {
  /** Conversations that never became a ticket, counted from their last activity. */
  readonly botOnlyDays: number;
  /** Conversations with tickets, counted from the last ticket's solve (every ticket solved or closed). */
  readonly solvedTicketDays: number;
  /** Delivered or failed agent-webhook notifications (`notifications_outbox`), from their creation. */
  readonly webhookDays: number;
  /** The audit trail of agent and admin actions (`audit_events`), from the action. */
  readonly auditDays: number;
  /** How often the retention worker looks for expired records. */
  readonly checkEveryMs: number;
}
