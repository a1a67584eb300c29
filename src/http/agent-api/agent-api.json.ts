import type { Agent } from '../../agents/agent.ts';
import type { Customer } from '../../customers/customer.ts';
import type { HealthScore } from '../../health/health-score.ts';
import type { Notification } from '../../notifications/notification.ts';
import type { Ticket } from '../../tickets/ticket.ts';
import type { TicketDetail } from '../../tickets/ticket-detail.ts';
import type { TicketEvent } from '../../tickets/ticket-event.ts';
import type { TicketListItem } from '../../tickets/ticket-list-item.ts';

/** The one place that decides which fields the agent API returns, and how they are named (camelCase). */
export const agentApiJson = {
  agent: (agent: Agent) => ({
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    createdAt: agent.createdAt,
    /** When the token this agent signed in with stops working; null = never (the console warns a day ahead). */
    expiresAt: agent.expiresAt,
  }),

  ticket: (t: Ticket) => ({
    reference: t.reference,
    conversationId: t.conversationId,
    customerId: t.customerId,
    subject: t.subject,
    category: t.category,
    priority: t.priority,
    status: t.status,
    reason: t.reason,
    assigneeId: t.assigneeId,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    firstResponseAt: t.firstResponseAt,
    solvedAt: t.solvedAt,
    csatRating: t.csatRating,
    csatComment: t.csatComment,
    version: t.version,
  }),

  /** A customer's health as the console's chip shows it; null when not computed (no health service). */
  customerHealth: (health: HealthScore | undefined) =>
    health === undefined ? null : { score: health.score, band: health.band },

  /**
   * A queue line: the ticket plus the customer's name and email, the latest and worst sentiment,
   * the sentiment trend, the most severe complaint, the assignee's name and the customer's health.
   */
  ticketListItem: (t: TicketListItem, health?: HealthScore) => ({
    ...agentApiJson.ticket(t),
    customerName: t.customerName,
    customerEmail: t.customerEmail,
    latestSentiment: t.latestSentiment,
    worstSentiment: t.worstSentiment,
    sentimentTrend: t.sentimentTrend,
    complaintSeverity: t.complaintSeverity,
    assigneeName: t.assigneeName,
    customerHealth: agentApiJson.customerHealth(health),
  }),

  customer: (c: Customer) => ({
    id: c.id,
    name: c.name,
    email: c.email,
    firstSeenAt: c.firstSeenAt,
    lastSeenAt: c.lastSeenAt,
  }),

  event: (e: TicketEvent) => ({ id: e.id, type: e.type, actor: e.actor, data: e.data, createdAt: e.createdAt }),

  ticketDetail: (d: TicketDetail, health?: HealthScore) => ({
    ticket: agentApiJson.ticket(d.ticket),
    customer: d.customer === null ? null : agentApiJson.customer(d.customer),
    customerHealth: agentApiJson.customerHealth(health),
    events: d.events.map(agentApiJson.event),
    transcript: d.transcript.map((m) => ({ ...m })),
    otherTickets: d.otherTickets.map((o) => ({
      reference: o.reference,
      subject: o.subject,
      status: o.status,
      createdAt: o.createdAt,
    })),
    agents: d.agents.map((a) => ({ id: a.id, name: a.name })),
  }),

  notification: (n: Notification) => ({
    id: n.id,
    ticketReference: n.payload.ticket.reference,
    event: n.event,
    status: n.status,
    attempts: n.attempts,
    nextAttemptAt: n.status === 'pending' ? n.nextAttemptAt : null,
    lastError: n.lastError,
    deliveredAt: n.deliveredAt,
    createdAt: n.createdAt,
    idempotencyKey: n.idempotencyKey,
  }),
};
