/**
 * The audit trail's port (issue 18): every agent and admin action is appended with who, when,
 * from where and on what. Append-only: nothing in the product edits or deletes an event except
 * the retention worker, after the audit trail's own retention period.
 *
 * Services and routes that act for a person take an `AuditTrail` and call {@link AuditTrail.record}
 * after the action succeeded; `src/index.ts` hands them the implementation.
 */
export interface AuditTrail {
  /** Appends one event. Rejects only when the database does. */
  record(event: AuditEvent): Promise<void>;
}

/** Who acted: a signed-in agent or admin (by token), the `answerdesk` command, or the server itself. */
export type AuditActor =
  | { readonly kind: 'agent' | 'admin'; readonly agentId: number; readonly name: string }
  | { readonly kind: 'cli'; readonly user: string }
  | { readonly kind: 'system'; readonly name: string };

/** One action. `action` is a dotted verb such as `ticket.read`, `ticket.reply`, `message.redact`, `customer.erase`. */
export interface AuditEvent {
  readonly actor: AuditActor;
  readonly action: string;
  /** What it acted on, e.g. `{ type: 'ticket', id: 'T-1001' }`. */
  readonly target?: { readonly type: string; readonly id: string };
  /** The client address as express sees it (after `TRUST_PROXY`); null for the CLI and the server. */
  readonly address?: string | null;
  /** A few facts about the action (never message text or personal data). */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}
