import type { EscalationReason } from '../escalation/escalation-policy.ts';
import type { TicketPriority } from '../escalation/ticket-priority.ts';
import type { TicketStatus } from '../tickets/ticket.ts';
import type { TicketNotificationEvent } from '../tickets/ticket-notifications.ts';

export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** `pending` until delivered; `failed` after the last allowed attempt. */
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** What the agents are told about (the events tickets announce). */
export type NotificationEvent = TicketNotificationEvent;

/**
 * What a notification says, captured when the ticket changed (in the same transaction), so a
 * delivery hours later still describes the moment it happened.
 */
export interface NotificationPayload {
  readonly event: NotificationEvent;
  readonly ticket: {
    readonly reference: string;
    readonly priority: TicketPriority;
    readonly reason: EscalationReason;
    readonly subject: string;
    readonly category: string | null;
    readonly status: TicketStatus;
  };
  readonly customer: { readonly name: string | null; readonly email: string | null } | null;
  /** The customer's last few messages, oldest first. */
  readonly recentMessages: ReadonlyArray<{ readonly text: string; readonly at: string }>;
  readonly occurredAt: string;
}

/** One row of the outbox: a notification and the state of its delivery. */
export interface Notification {
  readonly id: number;
  readonly ticketId: number;
  readonly event: NotificationEvent;
  readonly payload: NotificationPayload;
  /** Sent as the `Idempotency-Key` header; the same on every attempt. */
  readonly idempotencyKey: string;
  readonly status: NotificationStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
}

/** Which failed notifications to deliver again: these ids, or every failed one (created since `since`, an ISO time). */
export type RedeliverySelection =
  | { readonly kind: 'ids'; readonly ids: readonly number[] }
  | { readonly kind: 'all-failed'; readonly since?: string };
