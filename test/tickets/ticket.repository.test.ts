import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { TicketRepository } from '../../src/tickets/ticket.repository.ts';
import { analyseMessage, seedConversation, steppingClock } from '../helpers/escalation-fixture.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

/** Counts the statements a Kysely instance executed (results come back once per statement; subqueries are not counted). */
function statementCounter(): { plugin: KyselyPlugin; count: () => number } {
  let statements = 0;
  return {
    plugin: {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    },
    count: () => statements,
  };
}

describe('TicketRepository', () => {
  const ctx = freshDatabaseEachTest();

  it('lists a page of the queue with customers, assignees and sentiment in two statements, however long the page', async () => {
    const service = createCrmServices(ctx.db, { clock: steppingClock() }).tickets;
    for (let i = 0; i < 30; i += 1) {
      const conversationId = `c${i}`;
      const { customerId, messageIds } = await seedConversation(ctx.db, {
        conversationId,
        name: `Customer ${i}`,
        messages: ['help', 'still waiting'],
      });
      await analyseMessage(ctx.db, messageIds[1] ?? 0, { comparative: i % 2 === 0 ? -1 : 0 });
      await service.escalate({
        conversationId,
        customerId,
        reason: 'requested',
        priority: i % 3 === 0 ? 'urgent' : 'normal',
        subject: `ticket ${i}`,
      });
    }
    const counter = statementCounter();
    const repository = new TicketRepository(ctx.db.withPlugin(counter.plugin));

    const { tickets, total } = await repository.list({ statuses: ['new', 'open', 'pending'] }, 25, 0);

    expect(counter.count()).toBe(2);
    expect(total).toBe(30);
    expect(tickets).toHaveLength(25);
    // Urgent (every third) first, each group oldest first.
    expect(tickets.slice(0, 11).map((t) => t.subject)).toEqual(
      [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 1].map((i) => `ticket ${i}`),
    );
    expect(tickets[0]).toMatchObject({ customerName: 'Customer 0', latestSentiment: 'negative', assigneeName: null });
    expect(tickets[1]).toMatchObject({ customerName: 'Customer 3', latestSentiment: 'neutral' });
  });
});
