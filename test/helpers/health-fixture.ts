import { createCrmServices } from '../../src/crm/crm-services.ts';
import type { CustomerSignals } from '../../src/health/customer-signals.ts';
import type { Db } from '../../src/store/database.ts';
import { analyseMessage, seedConversation } from './escalation-fixture.ts';

/** "Now" of the seeded history: every test scoring it passes this clock. */
export const HEALTH_NOW = new Date('2025-03-10T12:00:00.000Z');

const day = (d: number, hour = 12): string => new Date(Date.UTC(2025, 2, d, hour)).toISOString();

/** The customers of {@link seedHealthHistory}, with the signals counted by hand from what was stored. */
export interface SeededHealth {
  /** Two conversations about delivery 3 days apart, complaints, a low rating, an old open ticket. */
  readonly avery: { readonly id: number; readonly signals: CustomerSignals };
  /** Got the same answer 20 days apart, then 2 days apart (one repeat); one solved ticket, unrated. */
  readonly blake: { readonly id: number; readonly signals: CustomerSignals };
  /** Calm, one question this week, no ticket. */
  readonly casey: { readonly id: number; readonly signals: CustomerSignals };
  /** Seen only long before the window, nothing open: not in the list. */
  readonly drew: { readonly id: number };
}

/**
 * A support history stored the way the bot stores it (FeedbackService records, the CRM's
 * escalation, agent updates and CSAT), at known times before {@link HEALTH_NOW}.
 */
export async function seedHealthHistory(db: Db, names: { avery?: string } = {}): Promise<SeededHealth> {
  let now = new Date(day(1));
  const crm = createCrmServices(db, { clock: () => now });
  const { agent } = await crm.agents.create({ name: 'Sam Agent', role: 'agent' });
  const solve = async (ticket: { reference: string; version: number }, at: string): Promise<void> => {
    now = new Date(at);
    await crm.tickets.update(ticket.reference, { status: 'solved', version: ticket.version }, agent.id);
  };

  // Avery: 2 Mar, an angry delivery complaint, escalated; still open 8 days later.
  const a1 = await seedConversation(db, {
    conversationId: 'avery-1',
    userId: 'avery',
    name: names.avery ?? 'Avery Stone',
    messages: ['where is my parcel', 'this is useless, third time I ask', 'ok'],
    at: day(2),
  });
  await analyseMessage(db, a1.messageIds[0] ?? 0, { comparative: -0.3 });
  await analyseMessage(db, a1.messageIds[1] ?? 0, {
    comparative: -0.8,
    complaint: { category: 'delivery', severity: 'high' },
  });
  await analyseMessage(db, a1.messageIds[2] ?? 0, { comparative: 0 });
  now = new Date(day(2, 13));
  await crm.tickets.escalate({
    conversationId: 'avery-1',
    customerId: a1.customerId,
    reason: 'complaint',
    priority: 'high',
    subject: 'where is my parcel',
    category: 'delivery',
  });
  // 5 Mar, again about delivery in a new chat: a repeat contact; solved and rated 1.
  await seedConversation(db, {
    conversationId: 'avery-2',
    userId: 'avery',
    messages: ['parcel still missing'],
    at: day(5),
  });
  now = new Date(day(5, 13));
  const { ticket: a2 } = await crm.tickets.escalate({
    conversationId: 'avery-2',
    customerId: a1.customerId,
    reason: 'requested',
    priority: 'normal',
    subject: 'parcel still missing',
    category: 'delivery',
  });
  await solve(a2, day(6));
  await crm.tickets.recordCsat(a2.reference, 1, 'Still no parcel.');

  // Blake: answered from `returns` on 9 Feb, 1 Mar (20 days later: no repeat) and 3 Mar (2 days later: a repeat).
  const answered = async (conversationId: string, at: string): Promise<number> => {
    const seeded = await seedConversation(db, {
      conversationId,
      userId: 'blake',
      name: 'Blake',
      messages: ['how do I return this'],
      at,
    });
    await db
      .updateTable('messages')
      .set({ answered_entry_id: 'returns' })
      .where('id', '=', seeded.messageIds[0] ?? 0)
      .execute();
    return seeded.customerId;
  };
  await answered('blake-0', new Date(Date.UTC(2025, 1, 9, 12)).toISOString());
  await answered('blake-1', day(1));
  const blakeId = await answered('blake-2', day(3));
  now = new Date(day(3, 13));
  const { ticket: b } = await crm.tickets.escalate({
    conversationId: 'blake-2',
    customerId: blakeId,
    reason: 'requested',
    priority: 'normal',
    subject: 'return label',
    category: null,
  });
  await solve(b, day(4));

  // Casey: one calm question.
  const c = await seedConversation(db, {
    conversationId: 'casey-1',
    userId: 'casey',
    name: 'Casey',
    messages: ['opening hours?'],
    at: day(9),
  });
  await analyseMessage(db, c.messageIds[0] ?? 0, { comparative: 0.2 });

  // Drew: a year ago.
  const d = await seedConversation(db, {
    conversationId: 'drew-1',
    userId: 'drew',
    name: 'Drew',
    messages: ['hi'],
    at: '2024-03-01T12:00:00.000Z',
  });

  const none = { low: 0, medium: 0, high: 0, critical: 0 };
  return {
    avery: {
      id: a1.customerId,
      signals: {
        openTickets: 1,
        recentTickets: 2,
        complaints: { ...none, high: 1 },
        analysedMessages: 3,
        negativeMessages: 2,
        lowCsat: 1,
        missingCsat: 0,
        repeatContact: 1,
        unresolvedTickets: 1,
      },
    },
    blake: {
      id: blakeId,
      signals: {
        openTickets: 0,
        recentTickets: 1,
        complaints: none,
        analysedMessages: 0,
        negativeMessages: 0,
        lowCsat: 0,
        missingCsat: 1,
        repeatContact: 1,
        unresolvedTickets: 0,
      },
    },
    casey: {
      id: c.customerId,
      signals: {
        openTickets: 0,
        recentTickets: 0,
        complaints: none,
        analysedMessages: 1,
        negativeMessages: 0,
        lowCsat: 0,
        missingCsat: 0,
        repeatContact: 0,
        unresolvedTickets: 0,
      },
    },
    drew: { id: d.customerId },
  };
}
