import type { AuditEvent } from '../../audit/audit-trail.ts';
import type { TicketPriority } from '../../escalation/ticket-priority.ts';
import type { TicketStatus } from '../../tickets/ticket.ts';

/** The fields of a `PATCH /tickets/:ref` that the audit trail tells apart. */
interface TicketPatchFields {
  readonly status?: TicketStatus;
  readonly priority?: TicketPriority;
  readonly assigneeId?: number | null;
}

/**
 * The audit actions one accepted ticket change stands for, one per thing changed, so an admin can
 * ask for every claim or every reopen: `ticket.reopen` (a solved or closed ticket set open again) or
 * `ticket.status`, `ticket.claim` (assigned to oneself) or `ticket.assign` (to another, or to
 * nobody: `assigneeId: null`), and `ticket.priority`. Details hold ids and enum values only.
 */
export function ticketChangeEvents(
  patch: TicketPatchFields,
  myId: number,
  reopening: boolean,
): Array<{ action: string; detail: NonNullable<AuditEvent['detail']> }> {
  const events: Array<{ action: string; detail: NonNullable<AuditEvent['detail']> }> = [];
  if (patch.status !== undefined)
    events.push({ action: reopening ? 'ticket.reopen' : 'ticket.status', detail: { status: patch.status } });
  if (patch.assigneeId !== undefined)
    events.push(
      patch.assigneeId === myId
        ? { action: 'ticket.claim', detail: { assigneeId: myId } }
        : { action: 'ticket.assign', detail: { assigneeId: patch.assigneeId } },
    );
  if (patch.priority !== undefined) events.push({ action: 'ticket.priority', detail: { priority: patch.priority } });
  return events;
}
