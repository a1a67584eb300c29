import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { describeBackAt } from '../../src/hours/back-at.format.ts';
import { parseBusinessHours } from '../../src/hours/business-hours.parser.ts';
import type { BusinessHours } from '../../src/hours/business-hours.ts';
import { fill } from '../../src/knowledge/fill-template.ts';
import { botHarness } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
const anonymous = { from: { id: 'anon-hours', name: '' } };

function say(text: string): Partial<Activity> {
  return { type: 'message', text, ...anonymous };
}

function schedule(spec: string, timeZone: string, holidays = ''): BusinessHours {
  const parsed = parseBusinessHours({ hours: spec, timeZone, holidays });
  if (parsed.kind !== 'ok') throw new Error('bad test hours');
  return parsed.hours;
}

const LONDON = schedule('Mon-Fri 09:00-17:30', 'Europe/London', '2026-12-25');
const CHICAGO = schedule('Tue-Sat 10:00-18:00', 'America/Chicago');

/** The conversation the TestAdapter talks in, from the ticket it opened. */
async function conversationOf(harness: ReturnType<typeof botHarness>): Promise<string> {
  return (await harness.ticketQueries.byReference('T-1001')).conversationId;
}

/** Every bot message text of a conversation, from the feedback store. */
async function botTexts(harness: ReturnType<typeof botHarness>): Promise<string[]> {
  const conversation = await harness.feedback.transcript(await conversationOf(harness));
  return conversation.filter((r) => r.direction === 'outbound' && r.text !== null).map((r) => r.text ?? '');
}

describe('handoff and business hours', () => {
  const ctx = freshDatabaseEachTest();

  it.each([
    ['London, a Saturday', LONDON, '2026-12-12T11:00:00Z', '2026-12-14T09:00:00Z'],
    ['London, Monday 08:59', LONDON, '2026-12-14T08:59:00Z', '2026-12-14T09:00:00Z'],
    ['London, Tuesday 17:30', LONDON, '2026-12-15T17:30:00Z', '2026-12-16T09:00:00Z'],
    ['London, Christmas Day', LONDON, '2026-12-25T12:00:00Z', '2026-12-28T09:00:00Z'],
    ['Chicago, a Monday afternoon', CHICAGO, '2026-12-14T20:00:00Z', '2026-12-15T16:00:00Z'],
    ['Chicago, Saturday 18:00', CHICAGO, '2026-12-20T00:00:00Z', '2026-12-22T16:00:00Z'],
  ])(
    'outside hours (%s): says when the team is back, takes an email for a reply, and promises no live chat',
    async (_name, hours, at, back) => {
      const harness = botHarness(ctx.db, { businessHours: hours, clock: () => new Date(at) });
      const when = describeBackAt(new Date(back), hours.timeZone);
      await harness.adapter
        .send(say('talk to a human'))
        .assertReply(fill(R.teamAway, { when }))
        .assertReply(R.askName)
        .send(say('Casey'))
        .assertReply(R.askEmailAfterHours)
        .send(say('casey@example.com'))
        .assertReply(fill(R.ticketCreatedAfterHours, { reference: 'T-1001', when }))
        // No handoff.initiate, no live handoff: the bot goes on answering.
        .send(say('where is my order'))
        .assertReply((a) => expect(a.type).toBe('message'))
        .assertReply(R.didThisHelp);
      expect(await harness.handoffs.live(await conversationOf(harness))).toBeUndefined();
      expect((await harness.ticketQueries.get('T-1001')).ticket.status).toBe('new');
    },
  );

  it.each([
    ['London, Sunday', LONDON, '2026-12-13T10:00:00Z', '2026-12-14T09:00:00Z'],
    ['Chicago, Monday', CHICAGO, '2026-12-14T15:00:00Z', '2026-12-15T16:00:00Z'],
  ])(
    'outside hours (%s) without an email: never says they will write, tells the customer to come back',
    async (_name, hours, at, back) => {
      const harness = botHarness(ctx.db, { businessHours: hours, clock: () => new Date(at) });
      const when = describeBackAt(new Date(back), hours.timeZone);
      await harness.adapter
        .send(say('can I speak to someone'))
        .assertReply(fill(R.teamAway, { when }))
        .assertReply(R.askName)
        .send(say('skip'))
        .assertReply(R.askEmailAfterHours)
        .send(say('skip'))
        .assertReply(fill(R.ticketCreatedAfterHoursNoEmail, { reference: 'T-1001', when }));
      expect(await harness.handoffs.live(await conversationOf(harness))).toBeUndefined();
    },
  );

  it.each([
    ['London, Monday 09:00', LONDON, '2026-12-14T09:00:00Z'],
    ['London, Friday 17:29', LONDON, '2026-12-18T17:29:00Z'],
    ['Chicago, Saturday noon', CHICAGO, '2026-12-19T18:00:00Z'],
    ['no hours configured, Sunday 3 am', undefined, '2026-12-13T03:00:00Z'],
  ])(
    'inside hours (%s): hands off live as before, and only promises email when there is one',
    async (_name, hours, at) => {
      const harness = botHarness(ctx.db, { businessHours: hours, clock: () => new Date(at) });
      await harness.adapter
        .send(say('talk to a human'))
        .assertReply(R.askName)
        .send(say('skip'))
        .assertReply(R.askEmail)
        .send(say('skip'))
        .assertReply(fill(R.ticketCreatedNoEmail, { reference: 'T-1001' }))
        .assertReply((a) => expect(a.name).toBe('handoff.initiate'));
      expect((await harness.handoffs.live(await conversationOf(harness)))?.state).toBe('pending');
      const said = await botTexts(harness);
      expect(said.some((t) => t.includes(R.teamAway.slice(0, 12)))).toBe(false);
    },
  );

  it('adds to the open ticket after hours without promising a live reply', async () => {
    let now = new Date('2026-12-14T10:00:00Z');
    const harness = botHarness(ctx.db, { businessHours: LONDON, clock: () => now });
    await harness.adapter
      .send(say('talk to a human'))
      .assertReply(R.askName)
      .send(say('skip'))
      .assertReply(R.askEmail)
      .send(say('casey@example.com'))
      .assertReply(fill(R.ticketCreated, { reference: 'T-1001' }))
      .assertReply((a) => expect(a.name).toBe('handoff.initiate'));
    expect(await harness.handoffs.failOverdue(-1)).toHaveLength(1);
    now = new Date('2026-12-14T18:00:00Z');
    const when = describeBackAt(new Date('2026-12-15T09:00:00Z'), 'Europe/London');
    await harness.adapter
      .send(say('talk to a human'))
      .assertReply(fill(R.teamAway, { when }))
      .assertReply(fill(R.ticketUpdatedAfterHours, { reference: 'T-1001', when }));
  });
});
