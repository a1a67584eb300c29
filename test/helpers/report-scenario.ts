import { TestAdapter } from 'botbuilder';
import { sql } from 'kysely';
import pino from 'pino';
import { createBot } from '../../src/bot/create-bot.ts';
import { DatabaseStorage } from '../../src/bot/database-storage.ts';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { AgentHandoffService } from '../../src/handoff/agent-handoff.service.ts';
import { BotStateRepository } from '../../src/store/bot-state.repository.ts';
import type { Db } from '../../src/store/database.ts';
import { FIXTURE_KB, scriptedMatch } from './fixture-kb.ts';
import {
  ScenarioChat,
  ScenarioClock,
  type ScriptedMood,
  scenarioLiveChat,
  scriptedAnalysis,
} from './report-scenario-chat.ts';

/**
 * The report scenario's period: three local days of New York (EST, UTC−5, after the clocks went
 * back on November 1st), so a day starts at 05:00Z and a message at 04:30Z belongs to the day before.
 */
export const REPORT_SCENARIO = {
  timeZone: 'America/New_York',
  from: '2026-11-02',
  to: '2026-11-05',
  interval: 'day',
} as const;

/** What the scripted analyzer makes of the scenario's messages (everything else is neutral). */
const MOODS = new Map<string, ScriptedMood>([
  ['the courier lost my parcel again', { comparative: -0.7, complaint: { category: 'delivery', severity: 'high' } }],
  [
    'I was charged twice for one order',
    { comparative: -0.4, complaint: { category: 'billing_payment', severity: 'low' } },
  ],
  ['where is my order? it still has not arrived', { comparative: -0.3 }],
  ['where is my order?? this is getting ridiculous', { comparative: -0.6 }],
  ['Quick and kind, thanks', { comparative: 0.6 }],
]);

/**
 * Plays the report scenario into `db` (migrated, empty): eleven conversations with the real bot
 * (`createBot`, on a TestAdapter, the fixture knowledge's scripted matcher and a scripted mood
 * analysis), the real CRM services on a clock the script moves, and an agent working tickets
 * through `AgentHandoffService` (as the agent API does). Inbound messages carry the script's
 * timestamps; the ticket hub reads the same clock. The only timestamps set by SQL afterwards are
 * those of `handoff_requests` (the table's default is the database's now), copied from the
 * message that asked; outbound records and votes keep the real time and no report reads them.
 *
 * See `EXPECTED_REPORT` (report-scenario.expected.ts) for every number, derived by hand.
 */
export async function playReportScenario(db: Db): Promise<void> {
  const clock = new ScenarioClock();
  const crm = createCrmServices(db, { clock: clock.now });
  const wired = createBot({
    knowledge: () => FIXTURE_KB,
    matchText: scriptedMatch,
    analyze: scriptedAnalysis(MOODS),
    storage: new DatabaseStorage(new BotStateRepository(db)),
    feedback: crm.feedback,
    customers: crm.customers,
    tickets: crm.tickets,
    handoffs: crm.handoffs,
    // Anger escalates only by its trend (gettingAngrier), complaints from `high`.
    thresholds: { afterNoMatches: 2, afterUnhelpfulVotes: 2, sentimentBelow: -0.95, complaintSeverity: 'high' },
    logger: pino({ level: 'silent' }),
    channelsAuthenticated: true,
    clock: clock.now,
  });
  const adapter = wired.attach(new TestAdapter(wired.logic));
  const chats = new Map<string, ScenarioChat>();
  const chat = (id: string): ScenarioChat => {
    const created = new ScenarioChat(adapter, clock, id);
    chats.set(id, created);
    return created;
  };
  const agentHandoffs = new AgentHandoffService({
    liveHandoffs: crm.handoffs,
    ticketQueries: crm.ticketQueries,
    tickets: crm.tickets,
    agents: crm.agents,
    liveChat: scenarioLiveChat(wired.bot, chats),
  });
  const { agent } = await crm.agents.create({ name: 'Ava Agent', email: 'ava@example.com', role: 'agent' });
  /** The agent's first reply, `seconds` after the ticket was opened (claiming it, as the agent API does). */
  const replyAfter = async (reference: string, seconds: number) => {
    const { createdAt } = await crm.ticketQueries.byReference(reference);
    clock.set(new Date(Date.parse(createdAt) + seconds * 1000).toISOString());
    await agentHandoffs.reply(reference, agent, 'Hello, I am on it.');
  };
  /** The agent solves the ticket `seconds` after it was opened; the bot asks for a rating at once. */
  const solveAfter = async (reference: string, seconds: number) => {
    const { createdAt, version } = await crm.ticketQueries.byReference(reference);
    clock.set(new Date(Date.parse(createdAt) + seconds * 1000).toISOString());
    const solved = await crm.tickets.update(reference, { version, status: 'solved' }, agent.id);
    await agentHandoffs.announceChange(solved, undefined);
  };

  // Before the period (Nov 1, 23:00 in New York): not counted.
  await chat('c0').say('blorp', '2026-11-02T04:00:00.000Z');

  // --- Monday Nov 2 (local)
  const c1 = chat('c1');
  await c1.say('where is my order?', '2026-11-02T15:00:00.000Z');
  await c1.click('Yes', '2026-11-02T15:00:30.000Z');
  const c2 = chat('c2');
  await c2.say('where is my order?', '2026-11-02T16:00:00.000Z');
  await c2.click('No', '2026-11-02T16:00:30.000Z');
  const c3 = chat('c3');
  await c3.say('I want my money back', '2026-11-02T17:00:00.000Z');
  await c3.click('Refund status', '2026-11-02T17:00:30.000Z');
  // 23:30 in New York, already Nov 3 in UTC: Monday's.
  await chat('c4').say('blorp', '2026-11-03T04:30:00.000Z');

  // --- Tuesday Nov 3
  const c5 = chat('c5');
  await c5.say('where is my order?', '2026-11-03T14:00:00.000Z');
  await c5.say('talk to a human', '2026-11-03T14:00:20.000Z');
  const t1 = await c5.finishHandoff('Casey', 'casey@example.com');
  await replyAfter(t1, 120);
  await solveAfter(t1, 3600);
  clock.advance(60);
  await c5.say('5');
  clock.advance(60);
  await c5.say('Quick and kind, thanks');

  const c6 = chat('c6');
  await c6.say('the courier lost my parcel again', '2026-11-03T18:00:00.000Z');
  const t2 = await c6.finishHandoff('Dana', 'dana@example.com');
  await replyAfter(t2, 600);
  await solveAfter(t2, 7200);
  clock.advance(60);
  await c6.say('2');
  clock.advance(60);
  await c6.say('skip');

  await chat('c7').say('hello', '2026-11-03T20:30:00.000Z');

  // --- Wednesday Nov 4
  const c8 = chat('c8');
  await c8.say('blorp', '2026-11-04T15:00:00.000Z');
  await c8.say('blorp blorp', '2026-11-04T15:01:00.000Z');
  const t3 = await c8.finishHandoff('skip', 'skip');
  await replyAfter(t3, 300);
  // Solved; the customer never answers the survey.
  await solveAfter(t3, 1800);

  const c9 = chat('c9');
  await c9.say('where is my order?', '2026-11-04T16:00:00.000Z');
  await c9.say('where is my order? it still has not arrived', '2026-11-04T16:01:00.000Z');
  await c9.say('where is my order?? this is getting ridiculous', '2026-11-04T16:02:00.000Z');
  await c9.finishHandoff('skip', 'skip');

  await chat('c10').say('I was charged twice for one order', '2026-11-04T18:00:00.000Z');

  // After the period (Nov 5, 01:00 in New York): not counted.
  await chat('c11').say('where is my order?', '2026-11-05T06:00:00.000Z');

  await sql`update handoff_requests set created_at = (select m.created_at from messages m
    where m.id = handoff_requests.message_id) where message_id is not null`.execute(db);
}
