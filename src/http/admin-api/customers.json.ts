import type { CustomerHealthListItem } from '../../health/customer-health.service.ts';
import type { CustomerProfile } from '../../health/customer-profile.ts';
import type { HealthReason } from '../../health/health-score.ts';

/** How many reasons the at-risk list shows per customer (the profile shows them all). */
const TOP_REASONS = 3;

const reasonJson = (r: HealthReason) => ({ measure: r.measure, value: r.value, points: r.points });

/** The one place that decides the JSON of the customer health routes (camelCase, as the console reads it). */
export const customersJson = {
  /** A line of the at-risk list: who, score, band, the top reasons, open tickets, last contact. */
  listItem: (c: CustomerHealthListItem) => ({
    id: c.id,
    name: c.name,
    email: c.email,
    score: c.health.score,
    band: c.health.band,
    reasons: c.health.reasons.slice(0, TOP_REASONS).map(reasonJson),
    openTickets: c.openTickets,
    lastContactAt: c.lastSeenAt,
  }),

  /** The profile: the customer, their health with every reason, conversations, tickets and ratings. */
  profile: (p: CustomerProfile) => ({
    customer: { ...p.customer },
    score: p.health.score,
    band: p.health.band,
    reasons: p.health.reasons.map(reasonJson),
    conversations: p.conversations.map((c) => ({
      ...c,
      messagesUrl: `/api/admin/conversations/${encodeURIComponent(c.id)}`,
    })),
    tickets: p.tickets.map((t) => ({ ...t })),
    ratings: p.tickets
      .filter((t) => t.csatRating !== null)
      .map((t) => ({
        ticketReference: t.reference,
        rating: t.csatRating ?? 0,
        comment: t.csatComment,
        solvedAt: t.solvedAt,
      })),
  }),

  /** The at-risk list as CSV rows (header first); reasons as `measure value (-points)` joined by `; `. */
  csvRows: (customers: readonly CustomerHealthListItem[]): (string | number | null)[][] => [
    ['id', 'name', 'email', 'score', 'band', 'reasons', 'open_tickets', 'last_contact_at'],
    ...customers.map((c) => [
      c.id,
      c.name,
      c.email,
      c.health.score,
      c.health.band,
      c.health.reasons.map((r) => `${r.measure} ${r.value} (-${r.points})`).join('; '),
      c.openTickets,
      c.lastSeenAt,
    ]),
  ],
};
