import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReportPeriod } from '../../src/reports/report-period.parser.ts';
import { type ReportInterval, reportBuckets } from '../../src/reports/report-period.ts';
import { ReportsRepository } from '../../src/reports/reports.repository.ts';
import { ReportsService } from '../../src/reports/reports.service.ts';
import type { UnansweredGroupsSource } from '../../src/reports/unanswered-groups.ts';
import type { Db } from '../../src/store/database.ts';
import { freshDatabase } from '../helpers/test-database.ts';

function period(from: string, to: string, timeZone: string, interval: ReportInterval = 'day') {
  const parsed = parseReportPeriod({ from, to, interval }, timeZone);
  if (parsed.kind !== 'period') throw new Error(parsed.message);
  return parsed.period;
}

/** The buckets are what these tests read; the unanswered groups have tests of their own. */
const NO_MISSES: UnansweredGroupsSource = { groupsBetween: async () => [] };

const hours = (b: { start: string; end: string }) => (Date.parse(b.end) - Date.parse(b.start)) / 3_600_000;

describe('reportBuckets', () => {
  it.each([
    // Clocks go forward at 02:00 on March 29th: that day has 23 hours.
    [
      'Europe/Paris',
      '2026-03-28',
      '2026-03-31',
      ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
      [24, 23, 24],
    ],
    // Clocks go back at 02:00 on November 1st: that day has 25 hours.
    [
      'America/New_York',
      '2026-10-31',
      '2026-11-03',
      ['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
      [24, 25, 24],
    ],
    // Southern hemisphere: daylight saving ends at 03:00 on April 5th.
    [
      'Australia/Sydney',
      '2026-04-04',
      '2026-04-07',
      ['2026-04-03T13:00:00.000Z', '2026-04-04T13:00:00.000Z', '2026-04-05T14:00:00.000Z'],
      [24, 25, 24],
    ],
    // A half-hour offset and no daylight saving.
    [
      'Asia/Kolkata',
      '2026-03-28',
      '2026-03-31',
      ['2026-03-27T18:30:00.000Z', '2026-03-28T18:30:00.000Z', '2026-03-29T18:30:00.000Z'],
      [24, 24, 24],
    ],
    [
      'UTC',
      '2026-03-28',
      '2026-03-31',
      ['2026-03-28T00:00:00.000Z', '2026-03-29T00:00:00.000Z', '2026-03-30T00:00:00.000Z'],
      [24, 24, 24],
    ],
  ])('cuts %s days at local midnight across a clock change (%s to %s)', (zone, from, to, starts, lengths) => {
    const buckets = reportBuckets(period(from, to, zone));
    expect(buckets.map((b) => b.start)).toEqual(starts);
    expect(buckets.map(hours)).toEqual(lengths);
    const localDays = [0, 1, 2].map((i) =>
      new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
    );
    expect(buckets.map((b) => b.date)).toEqual(localDays);
  });

  it('cuts weeks from Monday 00:00 local time, clipping the first and last week to the period', () => {
    const buckets = reportBuckets(period('2026-03-25', '2026-04-08', 'Europe/Paris', 'week'));
    expect(buckets).toEqual([
      { start: '2026-03-24T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z', date: '2026-03-25' },
      { start: '2026-03-29T22:00:00.000Z', end: '2026-04-05T22:00:00.000Z', date: '2026-03-30' },
      { start: '2026-04-05T22:00:00.000Z', end: '2026-04-07T22:00:00.000Z', date: '2026-04-06' },
    ]);
  });

  it('starts the first bucket at a from given as a date-time, and ends the last at to', () => {
    const buckets = reportBuckets(period('2026-11-02T12:00:00Z', '2026-11-03T12:00:00Z', 'America/New_York'));
    expect(buckets).toEqual([
      { start: '2026-11-02T12:00:00.000Z', end: '2026-11-03T05:00:00.000Z', date: '2026-11-02' },
      { start: '2026-11-03T05:00:00.000Z', end: '2026-11-03T12:00:00.000Z', date: '2026-11-03' },
    ]);
  });
});

describe('ReportsService series across a clock change', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ db, cleanup } = await freshDatabase());
  });
  afterEach(async () => cleanup());

  /** A conversation with one customer question at `at` (rows written directly: only their times matter here). */
  async function questionAt(id: string, at: string): Promise<void> {
    await db
      .insertInto('conversations')
      .values({ id, channel_id: 'test', customer_id: null, reference: '{}', started_at: at, last_activity_at: at })
      .execute();
    await db
      .insertInto('messages')
      .values({
        conversation_id: id,
        customer_id: null,
        direction: 'inbound',
        author: 'customer',
        activity_type: 'message',
        activity_id: null,
        reply_to_id: null,
        text: 'where is my parcel',
        created_at: at,
        message_kind: 'question',
        match_kind: 'answer',
      })
      .execute();
  }

  it.each([
    // Paris, spring forward: the last instant of March 29th is 21:59:59.999Z, not 22:59:59.999Z.
    [
      'Europe/Paris',
      '2026-03-28',
      '2026-03-31',
      ['2026-03-28T22:30:00.000Z', '2026-03-29T21:59:59.999Z', '2026-03-29T22:00:00.000Z'],
      [1, 1, 1],
    ],
    // New York, fall back: November 1st runs until 05:00Z on the 2nd.
    [
      'America/New_York',
      '2026-10-31',
      '2026-11-03',
      ['2026-11-01T03:59:59.999Z', '2026-11-02T04:30:00.000Z', '2026-11-02T05:00:00.000Z'],
      [1, 1, 1],
    ],
    [
      'Australia/Sydney',
      '2026-04-04',
      '2026-04-07',
      ['2026-04-04T12:59:59.999Z', '2026-04-05T13:30:00.000Z', '2026-04-05T14:00:00.000Z'],
      [1, 1, 1],
    ],
  ])('counts each %s question in its local day', async (zone, from, to, instants, perDay) => {
    for (const [i, at] of instants.entries()) await questionAt(`c${i}`, at);
    const summary = await new ReportsService(new ReportsRepository(db), NO_MISSES).summary(period(from, to, zone));
    expect(summary.series.map((p) => p.questions)).toEqual(perDay);
    expect(summary.series.map((p) => p.conversations)).toEqual(perDay);
    expect(summary.questions).toBe(instants.length);
  });
});
