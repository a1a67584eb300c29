import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../src/audit/audit.repository.ts';
import { AuditService } from '../../src/audit/audit.service.ts';
import type { AuditActor } from '../../src/audit/audit-trail.ts';
import { freshDatabase } from '../helpers/test-database.ts';

describe('AuditService', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let audit: AuditService;
  let now: number;

  beforeEach(async () => {
    ctx = await freshDatabase();
    now = Date.UTC(2026, 11, 1, 9, 0, 0);
    audit = new AuditService({ events: new AuditRepository(ctx.db), clock: () => new Date(now) });
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  it.each<[string, AuditActor, { kind: string; actor_id: number | null; actor_name: string }]>([
    ['an agent', { kind: 'agent', agentId: 7, name: 'Jane' }, { kind: 'agent', actor_id: 7, actor_name: 'Jane' }],
    ['an admin', { kind: 'admin', agentId: 2, name: 'Ada' }, { kind: 'admin', actor_id: 2, actor_name: 'Ada' }],
    ['the CLI', { kind: 'cli', user: 'root' }, { kind: 'cli', actor_id: null, actor_name: 'root' }],
    ['the server', { kind: 'system', name: 'retention' }, { kind: 'system', actor_id: null, actor_name: 'retention' }],
  ])('stores and reads back %s as the actor', async (_name, actor, row) => {
    await audit.record({
      actor,
      action: 'customer.erase',
      target: { type: 'customer', id: '12' },
      address: '10.0.0.1',
    });
    const stored = await ctx.db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
    expect({ kind: stored.actor_kind, actor_id: stored.actor_id, actor_name: stored.actor_name }).toEqual(row);
    expect((await audit.list({ limit: 10 })).events).toEqual([
      {
        id: stored.id,
        at: '2026-12-01T09:00:00.000Z',
        actor,
        action: 'customer.erase',
        target: { type: 'customer', id: '12' },
        address: '10.0.0.1',
        detail: {},
      },
    ]);
  });

  it('keeps detail to a few short primitive facts, so no prose fits', async () => {
    const long = 'x'.repeat(500);
    const detail: Record<string, string | number | boolean | null> = { long, n: 3, ok: true, none: null };
    for (let i = 0; i < 40; i += 1) detail[`k${i}`] = i;
    await audit.record({ actor: { kind: 'system', name: 's' }, action: 'a.b', detail });
    const [event] = (await audit.list({ limit: 1 })).events;
    expect(event?.detail.long).toBe('x'.repeat(120));
    expect(event?.detail).toMatchObject({ n: 3, ok: true, none: null });
    expect(Object.keys(event?.detail ?? {})).toHaveLength(20);
  });

  it('filters by time, actor and action, and pages newest first', async () => {
    const actors: AuditActor[] = [
      { kind: 'agent', agentId: 1, name: 'A' },
      { kind: 'admin', agentId: 2, name: 'B' },
      { kind: 'cli', user: 'ops' },
    ];
    const actions = ['ticket.read', 'ticket.reply', 'conversation.read', 'ticket-x.read'];
    for (let i = 0; i < 24; i += 1) {
      now = Date.UTC(2026, 11, 1, 0, i);
      await audit.record({ actor: actors[i % 3] as AuditActor, action: actions[i % 4] as string });
    }
    const ids = async (query: Parameters<AuditService['list']>[0]) =>
      (await audit.list(query)).events.map((e) => [e.at.slice(11, 16), e.actor.kind, e.action]);
    expect(await ids({ limit: 100, from: '2026-12-01T00:20:00.000Z' })).toEqual([
      ['00:23', 'cli', 'ticket-x.read'],
      ['00:22', 'admin', 'conversation.read'],
      ['00:21', 'agent', 'ticket.reply'],
      ['00:20', 'cli', 'ticket.read'],
    ]);
    expect(await ids({ limit: 100, to: '2026-12-01T00:02:00.000Z' })).toEqual([
      ['00:01', 'admin', 'ticket.reply'],
      ['00:00', 'agent', 'ticket.read'],
    ]);
    // A prefix is a prefix of dotted words: ticket-x.read is not under ticket.*.
    const tickets = await ids({ limit: 100, action: 'ticket.*' });
    expect(tickets).toHaveLength(12);
    expect(tickets.every(([, , action]) => String(action).startsWith('ticket.'))).toBe(true);
    expect(await ids({ limit: 100, actor: { kind: 'agent-id', agentId: 2 } })).toHaveLength(8);
    expect(await ids({ limit: 100, actor: { kind: 'actor-kind', actorKind: 'cli' }, action: 'ticket.read' })).toEqual([
      ['00:20', 'cli', 'ticket.read'],
      ['00:08', 'cli', 'ticket.read'],
    ]);

    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const page = await audit.list({ limit: 10, beforeId: cursor === null ? undefined : Number(cursor) });
      pages.push(page.events.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 4]);
    expect(pages.flat()).toEqual(Array.from({ length: 24 }, (_, i) => 24 - i));
  });

  it('purges only events older than the cutoff, oldest first, at most `limit` at a time', async () => {
    for (let day = 1; day <= 5; day += 1) {
      now = Date.UTC(2026, 10, day);
      await audit.record({ actor: { kind: 'system', name: 's' }, action: `day.d${day}` });
    }
    expect(await audit.purgeBefore('2026-11-04T00:00:00.000Z', 2)).toBe(2);
    expect((await audit.list({ limit: 10 })).events.map((e) => e.action)).toEqual(['day.d5', 'day.d4', 'day.d3']);
    expect(await audit.purgeBefore('2026-11-04T00:00:00.000Z', 2)).toBe(1);
    expect(await audit.purgeBefore('2026-11-04T00:00:00.000Z', 2)).toBe(0);
    expect((await audit.list({ limit: 10 })).events.map((e) => e.action)).toEqual(['day.d5', 'day.d4']);
  });

  it('has no way to change or delete an event but the retention purge', () => {
    const methods = (o: object) =>
      Object.getOwnPropertyNames(o)
        .filter((n) => n !== 'constructor')
        .sort();
    expect(methods(AuditRepository.prototype)).toEqual(['insert', 'list', 'purgeBefore']);
    expect(methods(AuditService.prototype)).toEqual(['list', 'purgeBefore', 'record']);
  });
});
