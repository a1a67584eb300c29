import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerHealthRepository } from '../../src/health/customer-health.repository.ts';
import { CustomerHealthService } from '../../src/health/customer-health.service.ts';
import { CustomerProfileRepository } from '../../src/health/customer-profile.repository.ts';
import { DEFAULT_HEALTH_SCORECARD, type HealthScorecard } from '../../src/health/health-scorecard.ts';
import { scoreCustomer } from '../../src/health/health-scorer.ts';
import type { Db } from '../../src/store/database.ts';
import { HEALTH_NOW, type SeededHealth, seedHealthHistory } from '../helpers/health-fixture.ts';
import { freshDatabase } from '../helpers/test-database.ts';

describe('CustomerHealthRepository and CustomerHealthService', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let seeded: SeededHealth;
  let scorecard: HealthScorecard;
  let service: CustomerHealthService;

  beforeEach(async () => {
    ({ db, cleanup } = await freshDatabase());
    seeded = await seedHealthHistory(db);
    scorecard = DEFAULT_HEALTH_SCORECARD;
    service = new CustomerHealthService({
      signals: new CustomerHealthRepository(db),
      profiles: new CustomerProfileRepository(db),
      scorecard: () => scorecard,
      clock: () => HEALTH_NOW,
    });
  });
  afterEach(async () => {
    await cleanup();
  });

  it('counts each customer in the window the way the history was stored, in SQL', async () => {
    const rows = await new CustomerHealthRepository(db).signals({
      since: new Date(HEALTH_NOW.getTime() - 90 * 86_400_000).toISOString(),
      unresolvedBefore: new Date(HEALTH_NOW.getTime() - 48 * 3_600_000).toISOString(),
      lowCsatMaxRating: 2,
      repeatSeconds: 7 * 86_400,
    });
    expect(rows.map((row) => [row.id, row.signals])).toEqual([
      [seeded.avery.id, seeded.avery.signals],
      [seeded.blake.id, seeded.blake.signals],
      [seeded.casey.id, seeded.casey.signals],
    ]);
  });

  it.each<[string, Partial<HealthScorecard>, (s: SeededHealth) => number, Record<string, number>]>([
    [
      'a short window drops what came before it',
      { windowDays: 3 },
      (s) => s.avery.id,
      { recentTickets: 0, repeatContact: 0, lowCsat: 0, complaintsHigh: 0, openTickets: 1 },
    ],
    ['a 1-day repeat limit drops a 3-day repeat', { repeatContactDays: 1 }, (s) => s.avery.id, { repeatContact: 0 }],
    [
      'a 10-day repeat limit does not reach 20 days back',
      { repeatContactDays: 10 },
      (s) => s.blake.id,
      { repeatContact: 1 },
    ],
    ['a 21-day repeat limit does', { repeatContactDays: 21 }, (s) => s.blake.id, { repeatContact: 2 }],
    [
      'a 300-hour limit leaves the 8-day-old ticket resolved in time',
      { unresolvedHours: 300 },
      (s) => s.avery.id,
      { unresolvedTickets: 0 },
    ],
    ['a rating of 1 is not low when only 0 would be', { lowCsatMaxRating: 0 }, (s) => s.avery.id, { lowCsat: 0 }],
  ])('follows the scorecard: %s', async (_name, changes, who, expected) => {
    scorecard = { ...DEFAULT_HEALTH_SCORECARD, ...changes };
    const id = who(seeded);
    const health = (await service.scores([id])).get(id);
    const values = Object.fromEntries(
      Object.keys(expected).map((measure) => [measure, reasonValue(health?.reasons, measure)]),
    );
    expect(values).toEqual(expected);
  });

  it('lists customers in the window worst first, filters by band, pages, and leaves out the long-gone', async () => {
    const all = await service.atRisk({ limit: 10, offset: 0 });
    const expected = [seeded.avery, seeded.blake, seeded.casey]
      .map((c) => ({ id: c.id, health: scoreCustomer(c.signals, DEFAULT_HEALTH_SCORECARD) }))
      .sort((a, b) => a.health.score - b.health.score);
    expect(all.total).toBe(3);
    expect(all.customers.map((c) => [c.id, c.health])).toEqual(expected.map((c) => [c.id, c.health]));
    expect(all.customers.map((c) => c.id)).not.toContain(seeded.drew.id);

    for (const band of ['red', 'yellow', 'green'] as const) {
      const listed = await service.atRisk({ band, limit: 10, offset: 0 });
      expect(listed.customers.map((c) => c.id)).toEqual(
        expected.filter((c) => c.health.band === band).map((c) => c.id),
      );
    }
    const page = await service.atRisk({ limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, customers: [{ id: expected[1]?.id }] });
  });

  it('applies a changed scorecard from the next call', async () => {
    const before = (await service.scores([seeded.casey.id])).get(seeded.casey.id);
    expect(before?.band).toBe('green');
    scorecard = { ...DEFAULT_HEALTH_SCORECARD, bands: { yellow: 100, green: 101 } };
    const after = (await service.scores([seeded.casey.id])).get(seeded.casey.id);
    expect(after).toEqual({ score: 100, band: 'yellow', reasons: [] });
  });

  it('builds the profile: every conversation with its counts, every ticket with its rating', async () => {
    const profile = await service.profile(seeded.avery.id);
    expect(profile?.customer).toMatchObject({ id: seeded.avery.id, name: 'Avery Stone' });
    expect(profile?.health).toEqual(scoreCustomer(seeded.avery.signals, DEFAULT_HEALTH_SCORECARD));
    expect(
      profile?.conversations.map((c) => [c.id, c.messages, c.customerMessages, c.complaints, c.negativeMessages]),
    ).toEqual([
      ['avery-2', 1, 1, 0, 0],
      ['avery-1', 3, 3, 1, 2],
    ]);
    expect(profile?.tickets.map((t) => [t.conversationId, t.status, t.csatRating, t.csatComment])).toEqual([
      ['avery-2', 'solved', 1, 'Still no parcel.'],
      ['avery-1', 'new', null, null],
    ]);
    expect(await service.profile(999_999)).toBeUndefined();
  });
});

function reasonValue(reasons: readonly { measure: string; value: number }[] | undefined, measure: string): number {
  return reasons?.find((reason) => reason.measure === measure)?.value ?? 0;
}
