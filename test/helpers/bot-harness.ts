import { type Activity, TestAdapter } from 'botbuilder';
import pino from 'pino';
import type { MessageAnalysis } from '../../src/analysis/message-analysis.ts';
import { createBot } from '../../src/bot/create-bot.ts';
import { DatabaseStorage } from '../../src/bot/database-storage.ts';
import type { MatchText } from '../../src/bot/feedback.middleware.ts';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import type { EscalationThresholds } from '../../src/escalation/escalation-policy.ts';
import type { BusinessHours } from '../../src/hours/business-hours.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { BotStateRepository } from '../../src/store/bot-state.repository.ts';
import type { Db } from '../../src/store/database.ts';
import { FIXTURE_KB, scriptedMatch } from './fixture-kb.ts';

/**
 * The real bot, wired by the app's own `createBot` (middleware, dialogs, turn error handler,
 * database state and feedback store), on a `TestAdapter` with a scripted matcher and a fixture
 * knowledge base.
 */
export function botHarness(
  db: Db,
  options: {
    kb?: KnowledgeBase;
    matchText?: MatchText;
    analyze?: (text: string) => MessageAnalysis;
    thresholds?: Partial<EscalationThresholds>;
    businessHours?: BusinessHours;
    clock?: () => Date;
  } = {},
) {
  const kb = options.kb ?? FIXTURE_KB;
  const { feedback, tickets, ticketQueries, customers, handoffs } = createCrmServices(db);
  const wired = createBot({
    knowledge: () => kb,
    matchText: options.matchText ?? scriptedMatch,
    analyze: options.analyze,
    storage: new DatabaseStorage(new BotStateRepository(db)),
    feedback,
    customers,
    tickets,
    handoffs,
    thresholds: {
      afterNoMatches: 2,
      afterUnhelpfulVotes: 2,
      sentimentBelow: -0.5,
      complaintSeverity: 'high',
      ...options.thresholds,
    },
    logger: pino({ level: 'silent' }),
    // The TestAdapter stands in for an authenticated channel, whose user ids are vouched for.
    channelsAuthenticated: true,
    businessHours: options.businessHours,
    clock: options.clock,
  });
  const adapter = wired.attach(new TestAdapter(wired.logic));
  return {
    adapter,
    feedback,
    tickets,
    ticketQueries,
    handoffs,
    bot: wired.bot,
    conversationState: wired.conversationState,
  };
}

/** The texts of the suggested actions of an activity. */
export function suggestedTitles(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((a) => a.title);
}

/** The `value` a click on the suggested action titled `title` would send. */
export function clickValue(activity: Partial<Activity>, title: string): unknown {
  const action = activity.suggestedActions?.actions.find((a) => a.title === title);
  if (action === undefined)
    throw new Error(`no suggested action "${title}" in ${JSON.stringify(activity.suggestedActions)}`);
  return action.value;
}
