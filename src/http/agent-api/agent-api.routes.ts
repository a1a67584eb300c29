import express, { type ErrorRequestHandler, type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { NotificationService } from '../../notifications/notification.service.ts';
import { ValidationError } from '../../shared/app-error.ts';
import { ConflictError } from '../../tickets/conflict.error.ts';
import { TicketNotFoundError } from '../../tickets/ticket-not-found.error.ts';
import type { TicketService } from '../../tickets/ticket.service.ts';
import { AgentAuth } from './agent-auth.ts';
import { parseNote, parseNotificationStatus, parsePage, parseTicketFilter, parseTicketPatch } from './agent-api.input.ts';
import { agentApiJson as json } from './agent-api.json.ts';

export interface AgentApiServices {
  readonly agents: AgentService;
  readonly tickets: TicketService;
  readonly notifications: NotificationService;
}

/** Ticket references are case-insensitive in URLs: `t-1001` finds `T-1001`. */
function ticketRef(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Service errors to statuses: stale version 409, unknown ticket 404, bad input 400 naming the field. */
const agentApiErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (err instanceof ConflictError) {
    res.status(409).json({ error: { code: err.code, message: err.userMessage, currentVersion: err.currentVersion } });
  } else if (err instanceof TicketNotFoundError) {
    res.status(404).json({ error: { code: err.code, message: err.userMessage } });
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
 * - `GET /me`
 * - `GET /tickets?status=&priority=&assignee=&category=&limit=&offset=` (urgent first, then oldest)
 * - `GET /tickets/:ref` (ticket, customer, events, transcript)
 * - `PATCH /tickets/:ref` `{ version, status?, priority?, assignee? }` (409 on a stale version)
 * - `POST /tickets/:ref/notes` `{ text }` (internal; never sent to the customer)
 * - `GET /notifications?status=` (admin)
 */
export function agentApiRoutes(services: AgentApiServices): Router {
  const auth = new AgentAuth(services.agents);
  const api = express.Router();
  api.use(auth.authenticate);

  api.get('/me', (req, res) => {
    res.json(json.agent(auth.agentOf(req)));
  });

  api.get('/tickets', async (req, res) => {
    const me = auth.agentOf(req);
    const page = parsePage(req);
    const { tickets, total } = await services.tickets.list(parseTicketFilter(req, me.id), page);
    res.json({ tickets: tickets.map(json.ticket), total, limit: page.limit, offset: page.offset });
  });

  api.get('/tickets/:ref', async (req, res) => {
    res.json(json.ticketDetail(await services.tickets.get(ticketRef(req.params.ref))));
  });

  api.patch('/tickets/:ref', async (req, res) => {
    const me = auth.agentOf(req);
    const ticket = await services.tickets.update(ticketRef(req.params.ref), parseTicketPatch(req, me.id), me.id);
    res.json(json.ticket(ticket));
  });

  api.post('/tickets/:ref/notes', async (req, res) => {
    const me = auth.agentOf(req);
    const event = await services.tickets.addNote(ticketRef(req.params.ref), me.id, parseNote(req));
    res.status(201).json(json.event(event));
  });

  api.get('/notifications', auth.requireRole('admin'), async (req, res) => {
    const page = parsePage(req);
    const { items, total } = await services.notifications.list(parseNotificationStatus(req), page);
    res.json({ notifications: items.map(json.notification), total, limit: page.limit, offset: page.offset });
  });

  api.use(agentApiErrors);
  const router = express.Router();
  router.use('/api/agent', api);
  return router;
}
