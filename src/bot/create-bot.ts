import { type BotAdapter, ConversationState, type Storage, type TurnContext } from 'botbuilder';
import { MainDialog } from '../../dialogs/main.dialog.ts';
import { warmPromptRecognizers } from '../../dialogs/once-per-turn.prompt.ts';
import type { MessageAnalysis } from '../analysis/message-analysis.ts';
import { messageWithActions } from '../chat/answer-activity.ts';
import { actionButton } from '../chat/support-action.ts';
import type { FeedbackService } from '../conversations/feedback.service.ts';
import type { CustomerService } from '../customers/customer.service.ts';
import type { EscalationThresholds } from '../escalation/escalation-policy.ts';
import type { LiveHandoffService } from '../handoff/live-handoff.service.ts';
import type { BusinessHours } from '../hours/business-hours.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Logger } from '../logging/logger.ts';
import type { TicketCommandService } from '../tickets/ticket-command.service.ts';
import { feedbackMiddleware, type MatchText } from './feedback.middleware.ts';
import { SupportBot } from './support-bot.ts';
import { createSupportServices } from './support-services.ts';
import { turnErrorHandler } from './turn-error-handler.ts';
import { turnLoggingMiddleware } from './turn-logging.middleware.ts';

export interface BotDeps {
  /** The knowledge base being served right now (hot-reloaded). */
  readonly knowledge: () => KnowledgeBase;
  /** Matches a message against the matcher being served right now. */
  readonly matchText: MatchText;
  /** Sentiment and complaint analysis of a message; omitted where a test does not need it. */
  readonly analyze?: ((text: string) => MessageAnalysis) | undefined;
  /** Where conversation state (dialog stack, router counters) lives: the database in production. */
  readonly storage: Storage;
  readonly feedback: FeedbackService;
  readonly customers: CustomerService;
  readonly tickets: TicketCommandService;
  readonly handoffs: LiveHandoffService;
  readonly thresholds: EscalationThresholds;
  readonly logger: Logger;
  /** True when `/api/messages` authenticates channels, so their user ids are believed (see `feedbackMiddleware`). */
  readonly channelsAuthenticated: boolean;
  /** When the team chats live; undefined = always (no business hours configured). */
  readonly businessHours?: BusinessHours | undefined;
  /** The time for business hours; default the system clock. */
  readonly clock?: (() => Date) | undefined;
}

/** The bot, wired: its dialogs, state and services, ready to be attached to an adapter. */
export interface WiredBot {
  readonly bot: SupportBot;
  readonly conversationState: ConversationState;
  /** The turn logic an adapter runs: `adapter.process(req, res, logic)` or `new TestAdapter(logic)`. */
  readonly logic: (context: TurnContext) => Promise<void>;
  /**
   * Gives `adapter` the bot's turn error handler (log, apologise offering a person, clear the
   * dialog state) and its middleware (turn logging, then feedback records and analysis), in that
   * order; returns the same adapter. Attach each adapter once.
   */
  attach<A extends BotAdapter>(adapter: A): A;
}

/**
 * The one wiring of the bot, used by the composition root (`src/index.ts`, on a `CloudAdapter`)
 * and by the tests (on a `TestAdapter`) alike, so what the tests run is what customers talk to.
 *
 * @example
 * const wired = createBot(deps);
 * const adapter = wired.attach(new TestAdapter(wired.logic));
 */
export function createBot(deps: BotDeps): WiredBot {
  const { knowledge, logger } = deps;
  warmPromptRecognizers();
  const conversationState = new ConversationState(deps.storage);
  const services = createSupportServices({
    knowledge,
    feedback: deps.feedback,
    customers: deps.customers,
    tickets: deps.tickets,
    handoffs: deps.handoffs,
    thresholds: deps.thresholds,
    businessHours: deps.businessHours,
    clock: deps.clock,
  });
  const bot = new SupportBot(
    conversationState,
    new MainDialog(services, SupportBot.routerStateOf(conversationState)),
    knowledge,
    deps.handoffs,
  );
  const onTurnError = turnErrorHandler(logger, {
    apology: () => {
      const { responses } = knowledge();
      return messageWithActions(responses.error, [actionButton(responses.offerHuman, { kind: 'human' })]);
    },
    clearState: async (context) => {
      await conversationState.delete(context);
      await conversationState.saveChanges(context, true);
    },
  });
  return {
    bot,
    conversationState,
    logic: (context) => bot.run(context),
    attach(adapter) {
      adapter.onTurnError = onTurnError;
      adapter.use(turnLoggingMiddleware(logger));
      adapter.use(
        feedbackMiddleware({
          feedback: deps.feedback,
          matchText: deps.matchText,
          analyze: deps.analyze,
          logger,
          channelsAuthenticated: deps.channelsAuthenticated,
          liveHandoff: (conversationId) => deps.handoffs.live(conversationId),
        }),
      );
      return adapter;
    },
  };
}
