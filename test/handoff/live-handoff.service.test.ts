import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HandoffTimeoutWorker } from '../../src/bot/handoff-timeout.worker.ts';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import type { LiveHandoffService } from '../../src/handoff/live-handoff.service.ts';
import type { TicketCommandService } from '../../src/tickets/ticket-command.service.ts';
import type { TicketQueryService } from '../../src/tickets/ticket-query.service.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { freshDatabase } from '../helpers/test-database.ts';

describe('LiveHandoffService', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let now: Date;
  let tickets: TicketCommandService;
  let ticketQueries: TicketQueryService;
  let handoffs: LiveHandoffService;

  beforeEach(async () => {
    ctx = await freshDatabase();
    now = new Date('2026-01-05T10:00:00Z');
    ({ tickets, ticketQueries, handoffs } = createCrmServices(ctx.db, { clock: () => now }));
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  async function openTicket(conversationId: string): Promise<string> {
    const { customerId } = await seedConversation(ctx.db, { conversationId, messages: ['I need a person'] });
    const { ticket } = await tickets.escalate({
      conversationId,
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'I need a person',
    });
    await handoffs.start(ticket.reference);
    return ticket.reference;
  }

  it('is live from start until accepted and completed; only live handoffs forward messages', async () => {
    const reference = await openTicket('c-1');
    const { ticket } = await ticketQueries.get(reference);
    expect((await handoffs.live('c-1'))?.state).toBe('pending');
    expect(await handoffs.forwardCustomerMessage('c-1', 'still there?')).toBe(true);
    expect((await handoffs.accept(ticket.id, 7))?.state).toBe('accepted');
    expect(await handoffs.accept(ticket.id, 8)).toBeUndefined();
    expect((await handoffs.complete(ticket.id))?.state).toBe('completed');
    expect(await handoffs.live('c-1')).toBeUndefined();
    expect(await handoffs.complete(ticket.id)).toBeUndefined();
  });

  it('fails only the handoffs left pending past the timeout, once', async () => {
    await openTicket('c-old');
    now = new Date(now.getTime() + 11 * 60_000);
    const fresh = await openTicket('c-new');
    now = new Date(now.getTime() + 60_000);
    const failed = await handoffs.failOverdue(10 * 60_000);
    expect(failed.map((h) => h.conversationId)).toEqual(['c-old']);
    expect(await handoffs.failOverdue(10 * 60_000)).toEqual([]);
    expect((await handoffs.live('c-new'))?.ticketId).toBe((await ticketQueries.get(fresh)).ticket.id);
  });

  it('the timeout worker tells each timed-out conversation, and keeps going when one fails', async () => {
    await openTicket('c-a');
    await openTicket('c-b');
    now = new Date(now.getTime() + 20 * 60_000);
    const told: string[] = [];
    const worker = new HandoffTimeoutWorker(
      handoffs,
      {
        failed: async (conversationId: string) => {
          if (conversationId === 'c-a') throw new Error('channel down');
          told.push(conversationId);
        },
      },
      10 * 60_000,
      pino({ level: 'silent' }),
    );
    expect(await worker.sweep()).toBe(2);
    expect(told).toEqual(['c-b']);
    expect(await handoffs.live('c-a')).toBeUndefined();
  });
});
