import express, { type ErrorRequestHandler, type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { AuditTrail } from '../../audit/audit-trail.ts';
import type { AgentHandoffService, DeliveredReply } from '../../handoff/agent-handoff.service.ts';
import { ReplyNotDeliveredError } from '../../handoff/reply-not-delivered.error.ts';
import type { CustomerHealthService } from '../../health/customer-health.service.ts';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.ts';
import type { Logger } from '../../logging/logger.ts';
import type { NotificationService } from '../../notifications/notification.service.ts';
import type { MessageRedactionService } from '../../privacy/message-redaction.service.ts';
import { RedactionTargetNotFoundError } from '../../privacy/redaction-target-not-found.error.ts';
import { ValidationError } from '../../shared/app.error.ts';
import { ConflictError } from '../../tickets/conflict.error.ts';
import { OpenTicketExistsError } from '../../tickets/open-ticket-exists.error.ts';
import { OPEN_TICKET_STATUSES, type TicketStatus } from '../../tickets/ticket.ts';
import { TicketClosedError } from '../../tickets/ticket-closed.error.ts';
import type { TicketCommandService } from '../../tickets/ticket-command.service.ts';
import { TicketNotFoundError } from '../../tickets/ticket-not-found.error.ts';
import type { TicketQueryService } from '../../tickets/ticket-query.service.ts';
import { HttpError } from '../http.error.ts';
import {
  parseEntrySearch,
  parseMessageId,
  parseNote,
  parseNotificationStatus,
  parsePage,
  parseRedaction,
  parseRedelivery,
  parseReply,
  parseTicketFilter,
  parseTicketPatch,
} from './agent-api.input.ts';
import { agentApiJson as json } from './agent-api.json.ts';
import { AgentAuth } from './agent-auth.ts';
import { findCannedReplies } from './canned-replies.ts';
import { RequestAudit } from './request-audit.ts';
import { ticketChangeEvents } from './ticket-change-events.ts';

export interface AgentApiServices {
  readonly agents: AgentService;
  readonly tickets: TicketCommandService;
  readonly ticketQueries: TicketQueryService;
  readonly notifications: NotificationService;
  /** Replies into live chats and claim/solve announcements; without it replies answer 501. */
  readonly agentHandoffs?: AgentHandoffService;
  readonly logger?: Logger;
  /** The knowledge being served, for canned replies; without it `GET /knowledge/entries` answers 501. */
  readonly knowledge?: () => KnowledgeBase;
  /** Where sign-ins, ticket reads and every change are recorded; without it nothing is. */
  readonly audit?: AuditTrail;
  /** Customers' health bands for the queue and the ticket; without it `customerHealth` is null. */
  readonly customerHealth?: Pick<CustomerHealthService, 'scores'>;
  /** Agents redacting a message after the fact; without it the redact route answers 501. */
  readonly redaction?: MessageRedactionService;
}

function isOpen(status: TicketStatus): boolean {
  return (OPEN_TICKET_STATUSES as readonly TicketStatus[]).includes(status);
}

/** Ticket references are case-insensitive in URLs: `t-1001` finds `T-1001`. */
function ticketRef(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Service errors to statuses: stale version or closed ticket 409, unknown ticket 404, bad input 400 naming the field. */
const agentApiErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (err instanceof ConflictError) {
    res.status(409).json({ error: { code: err.code, message: err.userMessage, currentVersion: err.currentVersion } });
  } else if (err instanceof TicketNotFoundError || err instanceof RedactionTargetNotFoundError) {
    res.status(404).json({ error: { code: err.code, message: err.userMessage } });
  } else if (err instanceof TicketClosedError || err instanceof OpenTicketExistsError) {
    res.status(409).json({ error: { code: err.code, message: err.userMessage } });
  } else if (err instanceof HttpError) {
    res.status(err.status).json({ error: { code: err.code, message: err.message } });
  } else if (err instanceof ValidationError) {
    res.status(400).json({ error: { code: err.code, message: err.problems.join('; ') } });
  } else {
    next(err);
  }
};

/**
 * The agent API under `/api/agent`: every route needs an agent's bearer token; notifications need
 * the admin role. Responses are camelCase JSON from `agentApiJson`.
 *
 * - `GET /me`: the agent, with their token's `expiresAt` (null = never); `?signIn=1` from a console's
 *   sign-in form records the sign-in in the audit trail
 * - `GET /tickets?status=&priority=&assignee=&category=&q=&limit=&offset=` (urgent first, then oldest;
 *   each with `customerName`, `customerEmail`, `latestSentiment`, `worstSentiment`, `sentimentTrend`,
 *   `complaintSeverity`, `assigneeName`, `customerHealth` `{ score, band }`; `q` searches the reference, subject, customer name and
 *   email, and the customer's and agents' messages; audited as `ticket.list` once per agent per window)
 * - `GET /tickets/:ref` (ticket, customer, `customerHealth`, events, transcript, the customer's `otherTickets`, `agents` named)
 * - `PATCH /tickets/:ref` `{ version, status?, priority?, assignee? }` (409 on a stale version;
 *   `status: "open"` reopens a solved ticket and restarts its live chat handoff, so the customer's next
 *   messages go to it; 409 `open_ticket_exists` if its conversation has another open ticket)
 * - `POST /tickets/:ref/typing` (the agent is typing a reply: a typing indicator in the customer's
 *   live chat while a person has it; answers `{ shown }`, false when there is no live chat)
 * - `POST /tickets/:ref/notes` `{ text }` (internal; never sent to the customer)
 * - `POST /tickets/:ref/replies` `{ text }` (into the customer's live chat, as the agent; at most
 *   `MAX_REPLY_LENGTH` characters, else 400 before anything is sent; 502 only when nothing was delivered)
 * - `POST /tickets/:ref/messages/:messageId/redact` `{ text? }` (agent or admin): replaces the part
 *   `text` of a message of the ticket's conversation, or the whole message, everywhere it is stored;
 *   idempotent; answers `{ messageId, text, changed }`
 * - `GET /knowledge/entries?q=&limit=` canned replies: the served knowledge's entries whose title
 *   matches `q`, each `{ id, title, answer }`
 * - `GET /notifications?status=` (admin)
 * - `POST /notifications/redeliver` `{ ids }` or `{ status: "failed", since? }` (admin): failed
 *   notifications back to pending with attempts reset; answers `{ redelivering, ids }`
 */
export function agentApiRoutes(services: AgentApiServices): Router {
  const auth = new AgentAuth(services.agents);
  const audit = new RequestAudit(services.audit, services.logger);
  const api = express.Router();
  api.use(auth.authenticate);

  api.get('/me', async (req, res) => {
    const me = auth.agentOf(req);
    // Only the sign-in form asks this: a tab resuming its session (a reload) is the same sign-in.
    if (req.query.signIn === '1') await audit.change(req, me, 'auth.sign-in');
    res.json(json.agent(me));
  });

  api.get('/tickets', async (req, res) => {
    const me = auth.agentOf(req);
    const page = parsePage(req);
    const { tickets, total } = await services.ticketQueries.list(parseTicketFilter(req, me.id), page);
    // Who looked at the queue (customers' names and subjects), once per agent per window: consoles poll it.
    await audit.read(req, me, 'ticket.list');
    // One statement for the page's customers, counted fresh: a band never lags the history it shows.
    const health = await services.customerHealth?.scores(tickets.map((t) => t.customerId));
    res.json({
      tickets: tickets.map((t) => json.ticketListItem(t, health?.get(t.customerId))),
      total,
      limit: page.limit,
      offset: page.offset,
    });
  });

  api.get('/tickets/:ref', async (req, res) => {
    const detail = await services.ticketQueries.get(ticketRef(req.params.ref));
    await audit.read(req, auth.agentOf(req), 'ticket.read', { type: 'ticket', id: detail.ticket.reference });
    const health = await services.customerHealth?.scores([detail.ticket.customerId]);
    res.json(json.ticketDetail(detail, health?.get(detail.ticket.customerId)));
  });

  api.patch('/tickets/:ref', async (req, res) => {
    const me = auth.agentOf(req);
    const patch = parseTicketPatch(req, me.id);
    const reopening =
      patch.status !== undefined &&
      isOpen(patch.status) &&
      !isOpen((await services.ticketQueries.byReference(ticketRef(req.params.ref))).status);
    const ticket = await services.tickets.update(ticketRef(req.params.ref), patch, me.id);
    // Tells the customer's chat about a claim or a solve; the ticket change stands even if that fails.
    await services.agentHandoffs?.announceChange(ticket, patch.assigneeId);
    if (reopening && isOpen(ticket.status)) await services.agentHandoffs?.resume(ticket);
    for (const event of ticketChangeEvents(patch, me.id, reopening))
      await audit.change(req, me, event.action, { type: 'ticket', id: ticket.reference }, event.detail);
    res.json(json.ticket(ticket));
  });

  api.post('/tickets/:ref/replies', async (req, res) => {
    const me = auth.agentOf(req);
    const handoffs = services.agentHandoffs;
    if (handoffs === undefined)
      throw new HttpError(501, 'live_chat_unavailable', 'Live replies are not available on this server.');
    // Checked before anything is sent: a reply the ticket cannot keep is never delivered.
    const text = parseReply(req);
    let delivered: DeliveredReply;
    try {
      delivered = await handoffs.reply(ticketRef(req.params.ref), me, text);
    } catch (error) {
      if (!(error instanceof ReplyNotDeliveredError)) throw error;
      services.logger?.error(
        { err: error.cause, ticket: ticketRef(req.params.ref) },
        'could not deliver an agent reply',
      );
      // 502 only ever means the customer did not get it, so retrying cannot send it twice.
      throw new HttpError(502, error.code, error.userMessage);
    }
    await audit.change(
      req,
      me,
      'ticket.reply',
      { type: 'ticket', id: ticketRef(req.params.ref) },
      {
        recorded: delivered.recorded,
      },
    );
    res.status(201).json({ delivered: true, recorded: delivered.recorded });
  });

  api.post('/tickets/:ref/typing', async (req, res) => {
    const me = auth.agentOf(req);
    const handoffs = services.agentHandoffs;
    // A courtesy signal: without live chat there is simply nobody to show it to.
    const outcome =
      handoffs === undefined ? { kind: 'no-live-chat' } : await handoffs.typing(ticketRef(req.params.ref), me);
    res.json({ shown: outcome.kind === 'shown' });
  });

  api.post('/tickets/:ref/notes', async (req, res) => {
    const me = auth.agentOf(req);
    const event = await services.tickets.addNote(ticketRef(req.params.ref), me.id, parseNote(req));
    await audit.change(
      req,
      me,
      'ticket.note',
      { type: 'ticket', id: ticketRef(req.params.ref) },
      { eventId: event.id },
    );
    res.status(201).json(json.event(event));
  });

  api.post('/tickets/:ref/messages/:messageId/redact', async (req, res) => {
    const me = auth.agentOf(req);
    if (services.redaction === undefined)
      throw new HttpError(501, 'redaction_unavailable', 'Redaction is not available on this server.');
    const messageId = parseMessageId(req.params.messageId);
    const part = parseRedaction(req);
    const outcome = await services.redaction.redact({
      reference: ticketRef(req.params.ref),
      messageId,
      part,
      actor: { kind: me.role, agentId: me.id, name: me.name },
      address: req.ip ?? null,
    });
    res.json(outcome);
  });

  api.get('/knowledge/entries', (req, res) => {
    const { q, limit } = parseEntrySearch(req);
    if (services.knowledge === undefined)
      throw new HttpError(501, 'knowledge_unavailable', 'Canned replies are not available on this server.');
    res.json({ entries: findCannedReplies(services.knowledge(), q, limit) });
  });

  api.get('/notifications', auth.requireRole('admin'), async (req, res) => {
    const page = parsePage(req);
    const { items, total } = await services.notifications.list(parseNotificationStatus(req), page);
    res.json({ notifications: items.map(json.notification), total, limit: page.limit, offset: page.offset });
  });

  api.post('/notifications/redeliver', auth.requireRole('admin'), async (req, res) => {
    const ids = await services.notifications.redeliver(parseRedelivery(req));
    await audit.change(req, auth.agentOf(req), 'notification.redeliver', undefined, { count: ids.length });
    res.json({ redelivering: ids.length, ids });
  });

  api.use(agentApiErrors);
  const router = express.Router();
  router.use('/api/agent', api);
  return router;
}
