import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { ValidationError } from '../../src/shared/app.error.ts';
import { ConflictError } from '../../src/tickets/conflict.error.ts';
import type { TicketCommandService } from '../../src/tickets/ticket-command.service.ts';
import type { EscalateInput } from '../../src/tickets/ticket-escalation.ts';
import { TicketNotFoundError } from '../../src/tickets/ticket-not-found.error.ts';
import type { TicketQueryService } from '../../src/tickets/ticket-query.service.ts';
import { seededEscalation, steppingClock } from '../helpers/escalation-fixture.ts';
import { failInserts } from '../helpers/failing-insert.ts';
import { freshDatabase } from '../helpers/test-database.ts';

describe('TicketCommandService', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let service: TicketCommandService;
  let queries: TicketQueryService;
  let notified: number;

  beforeEach(async () => {
    ctx = await freshDatabase();
    notified = 0;
    ({ tickets: service, ticketQueries: queries } = createCrmServices(ctx.db, {
      clock: steppingClock(),
      onNotification: () => (notified += 1),
    }));
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  const escalation = (conversationId: string, overrides: Partial<EscalateInput> = {}): Promise<EscalateInput> =>
    seededEscalation(ctx.db, conversationId, overrides);

  async function count(table: 'tickets' | 'ticket_events' | 'notifications_outbox'): Promise<number> {
    const row = await ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('creates a ticket with its created event and an outbox notification, and wakes the worker', async () => {
    const { ticket, created } = await service.escalate(
      await escalation('c1', { reason: 'complaint', priority: 'high' }),
    );
    expect(created).toBe(true);
    expect(ticket).toMatchObject({
      reference: 'T-1001',
      conversationId: 'c1',
      status: 'new',
      priority: 'high',
      reason: 'complaint',
      assigneeId: null,
      version: 1,
    });
    const events = (await queries.get('T-1001')).events;
    expect(events.map((e) => [e.type, e.actor])).toEqual([['created', 'bot']]);
    const outbox = await ctx.db.selectFrom('notifications_outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ ticket_id: ticket.id, event: 'ticket.created', status: 'pending', attempts: 0 });
    expect(JSON.parse(outbox[0]?.payload ?? '{}')).toMatchObject({
      event: 'ticket.created',
      ticket: {
        reference: 'T-1001',
        priority: 'high',
        reason: 'complaint',
        subject: 'where is my parcel',
        category: 'delivery',
      },
      customer: { name: 'Casey', email: null },
      recentMessages: [{ text: 'where is my parcel' }, { text: 'still nothing!!' }],
    });
    expect(notified).toBe(1);
  });

  it('writes nothing at all when the outbox insert fails (one transaction)', async () => {
    const restore = await failInserts(ctx.db, 'notifications_outbox', 'outbox down');
    await expect(service.escalate(await escalation('c1'))).rejects.toThrow(/outbox down/);
    expect([await count('tickets'), await count('ticket_events'), await count('notifications_outbox')]).toEqual([
      0, 0, 0,
    ]);
    expect(notified).toBe(0);
    await restore();
    // The reference sequence was rolled back too.
    expect((await service.escalate(await escalation('c2'))).ticket.reference).toBe('T-1001');
  });

  it('adds a second escalation to the open ticket and raises its priority when higher', async () => {
    const input = await escalation('c1');
    const first = await service.escalate(input);
    const second = await service.escalate({
      ...input,
      reason: 'complaint',
      priority: 'urgent',
      subject: 'you lost it',
    });
    expect(second.created).toBe(false);
    expect(second.ticket).toMatchObject({
      id: first.ticket.id,
      priority: 'urgent',
      reason: 'requested',
      subject: 'where is my parcel',
      version: 2,
    });
    expect(await count('tickets')).toBe(1);
    const events = (await queries.get('T-1001')).events;
    expect(events.map((e) => e.type)).toEqual(['created', 'escalated_again']);
    expect(events[1]?.data).toMatchObject({ reason: 'complaint', priority: 'urgent', previousPriority: 'normal' });
    const outbox = await ctx.db
      .selectFrom('notifications_outbox')
      .select(['event', 'idempotency_key'])
      .orderBy('id')
      .execute();
    expect(outbox.map((o) => o.event)).toEqual(['ticket.created', 'ticket.priority_raised']);
    expect(new Set(outbox.map((o) => o.idempotency_key)).size).toBe(2);
  });

  it('never lowers the priority and queues no notification for a lower or equal escalation', async () => {
    const input = await escalation('c1', { priority: 'high' });
    await service.escalate(input);
    const again = await service.escalate({ ...input, priority: 'low' });
    expect(again).toMatchObject({ created: false, ticket: { priority: 'high', version: 1 } });
    expect(await count('notifications_outbox')).toBe(1);
    expect(notified).toBe(1);
  });

  it('opens exactly one ticket when two escalations of one conversation race', async () => {
    const input = await escalation('c1');
    const results = await Promise.all([service.escalate(input), service.escalate({ ...input, priority: 'high' })]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await count('tickets')).toBe(1);
  });

  it('opens a new ticket once the previous one is solved', async () => {
    const input = await escalation('c1');
    const { ticket } = await service.escalate(input);
    await service.update(ticket.reference, { version: 1, status: 'solved' }, 1);
    const next = await service.escalate(input);
    expect(next).toMatchObject({ created: true, ticket: { reference: 'T-1002' } });
  });

  it('numbers references from a sequence that continues after a restart', async () => {
    for (const id of ['a', 'b']) await service.escalate(await escalation(id));
    const reopened = createCrmServices(await ctx.reopen()).tickets;
    const third = await reopened.escalate(await escalation('c'));
    const refs = (await queries.list({}, { limit: 10, offset: 0 })).tickets.map((t) => t.reference).sort();
    expect(third.ticket.reference).toBe('T-1003');
    expect(refs).toEqual(['T-1001', 'T-1002', 'T-1003']);
  });

  it('rejects an update quoting a stale version with a ConflictError and changes nothing', async () => {
    const { ticket } = await service.escalate(await escalation('c1'));
    const updated = await service.update(ticket.reference, { version: 1, priority: 'high' }, 1);
    expect(updated.version).toBe(2);
    const stale = service.update(ticket.reference, { version: 1, status: 'solved' }, 2);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    expect((await queries.get(ticket.reference)).ticket).toMatchObject({ status: 'new', priority: 'high', version: 2 });
  });

  it('records one event per change, opens a new ticket on claim, and sets solvedAt on solve', async () => {
    const { agent } = await createCrmServices(ctx.db).agents.create({ name: 'Dana' });
    const { ticket } = await service.escalate(await escalation('c1'));
    const claimed = await service.update(ticket.reference, { version: 1, assigneeId: agent.id }, agent.id);
    expect(claimed).toMatchObject({ status: 'open', assigneeId: agent.id, solvedAt: null, version: 2 });
    const solved = await service.update(ticket.reference, { version: 2, status: 'solved', priority: 'low' }, agent.id);
    expect(solved.solvedAt).not.toBeNull();
    const reopened = await service.update(ticket.reference, { version: 3, status: 'open' }, agent.id);
    expect(reopened.solvedAt).toBeNull();
    const events = (await queries.get(ticket.reference)).events.map((e) => [e.type, e.actor, e.data]);
    expect(events).toEqual([
      ['created', 'bot', expect.any(Object)],
      ['assigned', `agent:${agent.id}`, { from: null, to: agent.id }],
      ['status_changed', `agent:${agent.id}`, { from: 'new', to: 'open' }],
      ['status_changed', `agent:${agent.id}`, { from: 'open', to: 'solved' }],
      ['priority_changed', `agent:${agent.id}`, { from: 'normal', to: 'low' }],
      ['status_changed', `agent:${agent.id}`, { from: 'solved', to: 'open' }],
    ]);
  });

  it('does not bump the version for an update that changes nothing', async () => {
    const { ticket } = await service.escalate(await escalation('c1'));
    expect(await service.update(ticket.reference, { version: 1, priority: 'normal' }, 1)).toMatchObject({ version: 1 });
  });

  it.each([
    ['an unknown assignee', { version: 1, assigneeId: 99 }, /assignee: there is no active agent with id 99/],
    ['no change at all', { version: 1 }, /at least one of status, priority, assignee/],
  ])('refuses an update with %s', async (_name, update, message) => {
    const { ticket } = await service.escalate(await escalation('c1'));
    await expect(service.update(ticket.reference, update, 1)).rejects.toThrow(message);
  });

  it('refuses a revoked agent as assignee', async () => {
    const agents = createCrmServices(ctx.db).agents;
    const { agent } = await agents.create({ name: 'Gone', email: 'gone@example.com' });
    await agents.revoke('gone@example.com');
    const { ticket } = await service.escalate(await escalation('c1'));
    await expect(service.update(ticket.reference, { version: 1, assigneeId: agent.id }, 1)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('throws TicketNotFoundError for an unknown reference', async () => {
    await expect(queries.get('T-9999')).rejects.toBeInstanceOf(TicketNotFoundError);
    await expect(service.update('T-9999', { version: 1, status: 'open' }, 1)).rejects.toBeInstanceOf(
      TicketNotFoundError,
    );
  });

  it.each([
    ['an unknown conversation', { conversationId: 'nope' }, /conversationId: there is no conversation "nope"/],
    ['a blank subject', { subject: '  \n ' }, /subject: must not be empty/],
  ])('refuses to escalate %s', async (_name, overrides, message) => {
    const input = await escalation('c1');
    await expect(service.escalate({ ...input, ...overrides })).rejects.toThrow(message);
  });

  it('cuts a long multi-line subject to one line of 200 characters', async () => {
    const { ticket } = await service.escalate(
      await escalation('c1', { subject: `first line\nsecond ${'x'.repeat(300)}` }),
    );
    expect(ticket.subject).toHaveLength(200);
    expect(ticket.subject).toMatch(/^first line second x+…$/);
  });

  it('sets firstResponseAt on the first agent reply only, and adds customer messages to the open ticket', async () => {
    const { ticket } = await service.escalate(await escalation('c1'));
    await service.recordReply(ticket.reference, 1, 'Hello, I am looking into it');
    const first = (await queries.get(ticket.reference)).ticket.firstResponseAt;
    await service.recordReply(ticket.reference, 1, 'Found it');
    expect(first).not.toBeNull();
    expect((await queries.get(ticket.reference)).ticket.firstResponseAt).toBe(first);
    expect(await service.recordCustomerMessage('c1', 'thanks')).toMatchObject({
      type: 'customer_message',
      actor: 'customer',
    });
    expect(await service.recordCustomerMessage('no-ticket-here', 'hello')).toBeUndefined();
  });
});
