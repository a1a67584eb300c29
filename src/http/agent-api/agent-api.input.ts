import type { Request } from 'express';
import { TICKET_PRIORITIES, type TicketPriority } from '../../escalation/ticket-priority.ts';
import {
  NOTIFICATION_STATUSES,
  type NotificationStatus,
  type RedeliverySelection,
} from '../../notifications/notification.ts';
import type { TicketFilter } from '../../tickets/ticket.repository.ts';
import { TICKET_STATUSES, type TicketStatus } from '../../tickets/ticket.ts';
import { MAX_NOTE_LENGTH } from '../../tickets/ticket-input.ts';
import { badRequest as bad, integerParam, queryParam } from '../query-input.ts';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** A comma-separated list whose items must all be in `allowed`. */
function listParam<T extends string>(req: Request, name: string, allowed: readonly T[]): T[] | undefined {
  const raw = queryParam(req, name);
  if (raw === undefined) return undefined;
  return raw.split(',').map((item) => {
    const value = item.trim().toLowerCase();
    if (!(allowed as readonly string[]).includes(value))
      throw bad(`${name}: "${item.trim().slice(0, 40)}" is not one of ${allowed.join(', ')}`);
    return value as T;
  });
}

/** `limit` (1..100, default 25) and `offset` (default 0). */
export function parsePage(req: Request): { limit: number; offset: number } {
  return {
    limit: integerParam(req, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    offset: integerParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** Longest search text (`q`) the queue and the knowledge picker accept. */
export const MAX_SEARCH_LENGTH = 200;

/** `q`: text to search for, at most {@link MAX_SEARCH_LENGTH} characters; absent or blank is no search. */
function parseSearch(req: Request): string | undefined {
  const q = queryParam(req, 'q');
  if (q !== undefined && q.length > MAX_SEARCH_LENGTH)
    throw bad(`q: at most ${MAX_SEARCH_LENGTH} characters (got ${q.length})`);
  return q;
}

/** Most knowledge entries one picker search returns. */
const MAX_ENTRY_RESULTS = 50;

/** `q` (see {@link parseSearch}) and `limit` (1..50, default 20) of the knowledge picker. */
export function parseEntrySearch(req: Request): { q: string | undefined; limit: number } {
  return { q: parseSearch(req), limit: integerParam(req, 'limit', 20, 1, MAX_ENTRY_RESULTS) };
}

/**
 * `status`, `priority` (comma-separated lists), `assignee` (`me`, `none` or an agent id), `category`,
 * `q` (search text, see {@link parseSearch}).
 */
export function parseTicketFilter(req: Request, myId: number): TicketFilter {
  const assignee = queryParam(req, 'assignee');
  let assigneeFilter: TicketFilter['assignee'];
  if (assignee === undefined) assigneeFilter = undefined;
  else if (assignee.toLowerCase() === 'me') assigneeFilter = myId;
  else if (assignee.toLowerCase() === 'none') assigneeFilter = 'none';
  else if (/^\d+$/.test(assignee)) assigneeFilter = Number(assignee);
  else throw bad(`assignee: must be "me", "none" or an agent id (got "${assignee.slice(0, 40)}")`);
  return {
    statuses: listParam<TicketStatus>(req, 'status', TICKET_STATUSES),
    priorities: listParam<TicketPriority>(req, 'priority', TICKET_PRIORITIES),
    assignee: assigneeFilter,
    category: queryParam(req, 'category'),
    search: parseSearch(req),
  };
}

export function parseNotificationStatus(req: Request): NotificationStatus | undefined {
  const statuses = listParam<NotificationStatus>(req, 'status', NOTIFICATION_STATUSES);
  if (statuses !== undefined && statuses.length > 1) throw bad('status: give one of pending, delivered, failed');
  return statuses?.[0];
}

function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw bad('The request body must be a JSON object (Content-Type: application/json).');
  }
  return body as Record<string, unknown>;
}

function refuseUnknown(body: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    // Named as sent, but a body of many or long keys is not echoed whole.
    const named = unknown.slice(0, 5).map((k) => k.slice(0, 40));
    const more = unknown.length > named.length ? ` and ${unknown.length - named.length} more` : '';
    throw bad(
      `${named.join(', ')}${more}: unknown field${unknown.length > 1 ? 's' : ''}; allowed: ${known.join(', ')}`,
    );
  }
}

/** The body of `PATCH /tickets/:ref`: `{ version, status?, priority?, assignee? }`, `assignee` "me", an id or null. */
export function parseTicketPatch(
  req: Request,
  myId: number,
): { version: number; status?: TicketStatus; priority?: TicketPriority; assigneeId?: number | null } {
  const body = objectBody(req);
  refuseUnknown(body, ['version', 'status', 'priority', 'assignee']);
  const { version, status, priority, assignee } = body;
  if (version === undefined)
    throw bad('version: required (the version of the ticket you read, for conflict detection)');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw bad('version: must be a whole number ≥ 1');
  if (
    status !== undefined &&
    !(typeof status === 'string' && (TICKET_STATUSES as readonly string[]).includes(status))
  ) {
    throw bad(`status: must be one of ${TICKET_STATUSES.join(', ')}`);
  }
  if (
    priority !== undefined &&
    !(typeof priority === 'string' && (TICKET_PRIORITIES as readonly string[]).includes(priority))
  ) {
    throw bad(`priority: must be one of ${TICKET_PRIORITIES.join(', ')}`);
  }
  let assigneeId: number | null | undefined;
  if (assignee === undefined) assigneeId = undefined;
  else if (assignee === null) assigneeId = null;
  else if (assignee === 'me') assigneeId = myId;
  else if (typeof assignee === 'number' && Number.isInteger(assignee) && assignee > 0) assigneeId = assignee;
  else throw bad('assignee: must be "me", an agent id, or null to unassign');
  if (status === undefined && priority === undefined && assigneeId === undefined) {
    throw bad('Nothing to change: give at least one of status, priority, assignee');
  }
  return {
    version,
    ...(status === undefined ? {} : { status: status as TicketStatus }),
    ...(priority === undefined ? {} : { priority: priority as TicketPriority }),
    ...(assigneeId === undefined ? {} : { assigneeId }),
  };
}

/** Most ids one redeliver call may name. */
const MAX_REDELIVER_IDS = 1000;

/**
 * The body of `POST /notifications/redeliver`: `{ ids: [1, 2] }` or `{ status: "failed", since? }`
 * (`since` an ISO date-time: only notifications created then or later).
 */
export function parseRedelivery(req: Request): RedeliverySelection {
  const body = objectBody(req);
  refuseUnknown(body, ['ids', 'status', 'since']);
  const { ids, status, since } = body;
  if ((ids === undefined) === (status === undefined))
    throw bad('give either ids (a list of notification ids) or status: "failed"');
  if (ids !== undefined) {
    if (since !== undefined) throw bad('since: only goes with status: "failed"');
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_REDELIVER_IDS)
      throw bad(`ids: a list of 1 to ${MAX_REDELIVER_IDS} notification ids`);
    const wrong = ids.findIndex((id) => typeof id !== 'number' || !Number.isInteger(id) || id < 1);
    if (wrong !== -1) throw bad(`ids[${wrong}]: must be a whole number ≥ 1`);
    return { kind: 'ids', ids: ids as number[] };
  }
  if (status !== 'failed') throw bad('status: only "failed" notifications can be delivered again');
  if (since === undefined) return { kind: 'all-failed' };
  if (typeof since !== 'string' || Number.isNaN(Date.parse(since)))
    throw bad('since: must be an ISO date-time such as 2025-01-31T00:00:00Z');
  return { kind: 'all-failed', since: new Date(since).toISOString() };
}

/** Longest agent reply: what a ticket's reply event keeps (checked before the reply is sent). */
const MAX_REPLY_LENGTH = MAX_NOTE_LENGTH;

/** The body of `POST /tickets/:ref/replies`: `{ text }`, non-empty and at most `MAX_REPLY_LENGTH` characters. */
export function parseReply(req: Request): string {
  const text = parseNote(req);
  if (text.length > MAX_REPLY_LENGTH) {
    throw bad(
      `text: a reply may be at most ${MAX_REPLY_LENGTH} characters; this one has ${text.length}. Nothing was sent.`,
    );
  }
  return text;
}

/** The body of `POST /tickets/:ref/notes`: `{ text }`. */
export function parseNote(req: Request): string {
  const body = objectBody(req);
  refuseUnknown(body, ['text']);
  if (typeof body.text !== 'string' || body.text.trim() === '') throw bad('text: required, a non-empty string');
  return body.text;
}

/** `:messageId` of `POST /tickets/:ref/messages/:messageId/redact`: a positive whole number. */
export function parseMessageId(raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw bad(`messageId: must be a positive whole number (got "${raw.slice(0, 40)}")`);
  return Number(raw);
}

/** The body of `POST /tickets/:ref/messages/:messageId/redact`: nothing (the whole message) or `{ text }` (that part). */
export function parseRedaction(req: Request): string | undefined {
  if (
    req.body === undefined ||
    (typeof req.body === 'object' && req.body !== null && Object.keys(req.body).length === 0)
  )
    return undefined;
  const body = objectBody(req);
  refuseUnknown(body, ['text']);
  if (body.text === undefined) return undefined;
  if (typeof body.text !== 'string' || body.text.trim() === '')
    throw bad('text: the part of the message to redact, a non-empty string (omit it to redact the whole message)');
  return body.text;
}
