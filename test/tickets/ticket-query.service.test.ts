import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import type { TicketCommandService } from '../../src/tickets/ticket-command.service.ts';
import type { EscalateInput } from '../../src/tickets/ticket-escalation.ts';
import type { TicketQueryService } from '../../src/tickets/ticket-query.service.ts';
import { analyseMessage, seedConversation, seededEscalation, steppingClock } from '../helpers/escalation-fixture.ts';
import { freshDatabase } from '../helpers/test-database.ts';

describe('TicketQueryService', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let service: TicketCommandService;
  let queries: TicketQueryService;

  beforeEach(async () => {
    ctx = await freshDatabase();
    ({ tickets: service, ticketQueries: queries } = createCrmServices(ctx.db, { clock: steppingClock() }));
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  const escalation = (conversationId: string, overrides: Partial<EscalateInput> = {}): Promise<EscalateInput> =>
    seededEscalation(ctx.db, conversationId, overrides);

  it('returns the customer, events and full transcript with sentiment and complaint markers, without notes', async () => {
    const { customerId, messageIds } = await seedConversation(ctx.db, {
      conversationId: 'c1',
      name: 'Casey',
      messages: ['hi', 'this is a disgrace'],
    });
    await analyseMessage(ctx.db, messageIds[0] ?? 0, { comparative: 0 });
    await analyseMessage(ctx.db, messageIds[1] ?? 0, {
      comparative: -1.2,
      complaint: { category: 'delivery', severity: 'high' },
    });
    const { ticket } = await service.escalate({
      conversationId: 'c1',
      customerId,
      reason: 'complaint',
      priority: 'high',
      subject: 'this is a disgrace',
    });
    await service.addNote(ticket.reference, 1, 'INTERNAL: customer is a reseller');
    const detail = await queries.get(ticket.reference);
    expect(detail.customer).toMatchObject({ id: customerId, name: 'Casey' });
    expect(detail.events.map((e) => e.type)).toEqual(['created', 'note']);
    expect(detail.transcript.map((m) => [m.text, m.sentiment?.comparative, m.complaint])).toEqual([
      ['hi', 0, { isComplaint: false }],
      ['this is a disgrace', -1.2, { isComplaint: true, category: 'delivery', severity: 'high', confidence: 0.9 }],
    ]);
    expect(JSON.stringify(detail.transcript)).not.toContain('INTERNAL');
    const stored = await ctx.db.selectFrom('messages').select('text').execute();
    expect(stored.map((m) => m.text)).not.toContain('INTERNAL: customer is a reseller');
  });

  it('shows only chat messages in the detail transcript, not events or conversation updates', async () => {
    const input = await escalation('c1');
    const { feedback } = createCrmServices(ctx.db);
    await feedback.recordOutbound({
      conversationId: 'c1',
      author: 'bot',
      activityType: 'event',
      activityId: 'ev-1',
      replyToId: null,
      text: null,
      answeredEntryId: null,
      at: '2025-01-01T12:01:00.000Z',
    });
    const { ticket } = await service.escalate(input);
    const detail = await queries.get(ticket.reference);
    expect(detail.transcript.map((m) => m.text)).toEqual(['where is my parcel', 'still nothing!!']);
    expect((await feedback.transcript('c1')).map((r) => r.activityType)).toEqual(['message', 'message', 'event']);
  });

  it('lists by priority (urgent first) then age (oldest first), with filters and a total', async () => {
    const agents = createCrmServices(ctx.db).agents;
    const { agent } = await agents.create({ name: 'Dana' });
    const specs: Array<[string, EscalateInput['priority'], string]> = [
      ['a', 'normal', 'delivery'],
      ['b', 'urgent', 'fraud'],
      ['c', 'low', 'delivery'],
      ['d', 'normal', 'billing'],
      ['e', 'urgent', 'delivery'],
    ];
    for (const [id, priority, category] of specs) await service.escalate(await escalation(id, { priority, category }));
    await service.update('T-1004', { version: 1, assigneeId: agent.id }, agent.id);
    await service.update('T-1003', { version: 1, status: 'solved' }, agent.id);

    const refs = async (filter: Parameters<TicketQueryService['list']>[0], page = { limit: 10, offset: 0 }) => {
      const { tickets, total } = await queries.list(filter, page);
      return { refs: tickets.map((t) => t.reference), total };
    };
    expect(await refs({})).toEqual({ refs: ['T-1002', 'T-1005', 'T-1001', 'T-1004', 'T-1003'], total: 5 });
    expect(await refs({ statuses: ['new', 'open'] })).toEqual({
      refs: ['T-1002', 'T-1005', 'T-1001', 'T-1004'],
      total: 4,
    });
    expect(await refs({ priorities: ['urgent'] })).toEqual({ refs: ['T-1002', 'T-1005'], total: 2 });
    expect(await refs({ category: 'delivery' })).toEqual({ refs: ['T-1005', 'T-1001', 'T-1003'], total: 3 });
    expect(await refs({ assignee: agent.id })).toEqual({ refs: ['T-1004'], total: 1 });
    expect(await refs({ assignee: 'none', statuses: ['new'] })).toEqual({
      refs: ['T-1002', 'T-1005', 'T-1001'],
      total: 3,
    });
    expect(await refs({}, { limit: 2, offset: 2 })).toEqual({ refs: ['T-1001', 'T-1004'], total: 5 });
  });
});
