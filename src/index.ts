import { ConversationState } from 'botbuilder';
import type { Config } from './config/config.ts';
import type { Logger } from './logging/logger.ts';
import { openDatabase, type Db } from './store/database.ts';
import { Durability } from './store/durability.ts';
import { BotStateRepository } from './store/bot-state.repository.ts';
import { FeedbackService } from './conversations/feedback.service.ts';
import type { MessageAnalyzer } from './analysis/message-analyzer.ts';
import { KnowledgeStore } from './knowledge/knowledge-store.ts';
import type { AnswerMatcher } from './knowledge/answer-matcher.ts';
import { KnowledgeTrainer, type TrainedSource } from './training/knowledge-trainer.ts';
import { DatabaseStorage } from './bot/database-storage.ts';
import { createAdapter } from './bot/create-adapter.ts';
import { SupportBot } from './bot/support-bot.ts';
import { createSupportServices } from './bot/support-services.ts';
import { feedbackMiddleware } from './bot/feedback.middleware.ts';
import { turnLoggingMiddleware } from './bot/turn-logging.middleware.ts';
import { MainDialog } from '../dialogs/main.dialog.ts';
import { messageWithActions } from '../dialogs/answer-activity.ts';
import { actionButton } from '../dialogs/support-action.ts';
import { createHttpApp } from './http/create-http-app.ts';
import { botEndpoint } from './http/bot-endpoint.ts';
import { healthRoutes } from './http/health-routes.ts';
import { listen, type RunningServer } from './http/http-server.ts';
import { InFlight } from './http/in-flight.ts';
import { agentApiRoutes } from './http/agent-api/agent-api.routes.ts';
import { AgentService } from './agents/agent.service.ts';
import { CustomerService } from './customers/customer.service.ts';
import { TicketService } from './tickets/ticket.service.ts';
import { NotificationRepository } from './notifications/notification.repository.ts';
import { NotificationService } from './notifications/notification.service.ts';
import { WebhookWorker } from './notifications/webhook-worker.ts';
import { LiveHandoffService } from './handoff/live-handoff.service.ts';
import { LiveChat } from './bot/live-chat.ts';
import { HandoffTimeoutWorker } from './bot/handoff-timeout.worker.ts';
import { createDirectLineChannel, type DirectLineChannel } from './http/directline/directline-channel.ts';
import { widgetRoutes } from './http/widget/widget-routes.ts';
import { agentConsoleRoutes } from './http/agent-console/agent-console.routes.ts';

/** A fully wired server that has not started listening yet. */
export interface App {
  readonly db: Db;
  readonly feedback: FeedbackService;
  readonly knowledge: KnowledgeStore<AnswerMatcher>;
  /** Escalation CRM: `tickets.escalate(...)` opens or adds to a conversation's ticket. */
  readonly tickets: TicketService;
  /** `customers.updateContact(...)` saves name/email (merging a returning customer by email). */
  readonly customers: CustomerService;
  readonly agents: AgentService;
  /** The website widget's Direct Line channel; `directLine.bridge.continueConversation` for proactive messages. */
  readonly directLine: DirectLineChannel;
  /** Agent replies and handoff status changes into live chats (proactive messages). */
  readonly liveChat: LiveChat;
  readonly handoffs: LiveHandoffService;
  /** Starts listening on `config.port` (0 = ephemeral). */
  start(): Promise<RunningServer>;
  /** Stops accepting, waits for in-flight turns (up to the shutdown timeout), closes the database. */
  stop(): Promise<void>;
}

/** Wiring choices that are not configuration (benchmarks compare them). */
export interface AppOptions {
  /** Where matcher and analyzer train: `worker` (default) or `main-thread` (blocks turns; for comparisons only). */
  readonly trainingMode?: 'worker' | 'main-thread';
}

/**
 * The composition root: the only place that builds the database, the adapter, the state and the
 * services and hands them down. Everything can be built twice in one process (tests do).
 *
 * @throws KnowledgeValidationError when the knowledge base is broken (nothing good to serve yet).
 */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  // Matcher and analyzer train in worker threads (turns keep flowing during a reload), or load
  // from the snapshot cache when the knowledge has not changed since they were last trained.
  const trainer = new KnowledgeTrainer({
    cacheDir: config.knowledgeCacheDir,
    onWarning: (message, details) => logger.warn(details, message),
    mode: options.trainingMode ?? 'worker',
  });
  let matcherSource: TrainedSource = 'trained';
  // At start nothing is being served yet, so the YAML is read here; reloads read it in a worker
  // too (about 1 s per 20k phrasings of parsing and validation would stall every conversation).
  let serving = false;
  const [opened, trainedAnalyzer] = await Promise.allSettled([
    KnowledgeStore.open({
      dir: config.knowledgeDir,
      load: async (dir) => (serving ? trainer.knowledgeBase(dir) : (await trainer.knowledgeBaseAtStart(dir)).value),
      build: async (kb) => {
        const trained = await trainer.matcher(kb, config.match);
        matcherSource = trained.source;
        return trained.value;
      },
      onError: (error) =>
        logger.error({ err: error }, 'knowledge reload failed: still serving the last good knowledge base'),
      onReloading: (kb) => logger.info({ entries: kb.entries.length }, 'knowledge reloading: serving the previous knowledge base until it is ready'),
      onReload: (snapshot, { ms }) =>
        logger.info(
          { version: snapshot.version, entries: snapshot.knowledgeBase.entries.length, source: matcherSource, ms: Math.round(ms) },
          `knowledge reloaded in ${Math.round(ms)} ms`,
        ),
    }),
    // Sentiment lexicon and complaint examples are admin data in knowledge/ too (read at start only).
    trainer.analyzerFor(config.knowledgeDir),
  ]);
  if (opened.status === 'rejected') throw opened.reason;
  if (trainedAnalyzer.status === 'rejected') {
    await opened.value.close();
    throw trainedAnalyzer.reason;
  }
  const knowledge = opened.value;
  serving = true;
  const analyzer: MessageAnalyzer = trainedAnalyzer.value.value;
  logger.info(
    { entries: knowledge.snapshot().knowledgeBase.entries.length, matcher: matcherSource, analyzer: trainedAnalyzer.value.source },
    'knowledge loaded',
  );
  const db = await openDatabase(config.databasePath, { synchronous: config.databaseSynchronous }).catch(async (error: unknown) => {
    await knowledge.close();
    throw error;
  });
  // DATABASE_SYNCHRONOUS=request: commits are not fsynced one by one; every answer waits for one durable commit.
  const durability = new Durability(db, config.databaseSynchronous);
  const feedback = new FeedbackService(db);

  // --- escalation: CRM (customers, tickets, agents) and the webhook outbox worker (runs between start() and stop())
  const webhooks = new WebhookWorker(new NotificationRepository(db), { webhook: config.webhook, publicUrl: config.publicUrl, logger });
  const tickets = new TicketService(db, { onNotification: () => webhooks.notify() });
  const customers = new CustomerService(db);
  const agents = new AgentService(db);
  const handoffs = new LiveHandoffService(db, tickets);

  const currentKb = () => knowledge.snapshot().knowledgeBase;

  // --- bot: adapter, middleware, state, dialogs
  const conversationState = new ConversationState(new DatabaseStorage(new BotStateRepository(db)));
  const adapter = createAdapter(config.bot, logger, {
    apology: () => {
      const { responses } = currentKb();
      return messageWithActions(responses.error, [actionButton(responses.offerHuman, { kind: 'human' })]);
    },
    clearState: async (context) => {
      await conversationState.delete(context);
      await conversationState.saveChanges(context, true);
    },
  }, config.http.connectorTimeoutMs);
  adapter.use(turnLoggingMiddleware(logger));
  adapter.use(
    feedbackMiddleware({
      feedback,
      matchText: (text) => knowledge.current().match(text),
      analyze: (text) => analyzer.analyze(text),
      logger,
      channelsAuthenticated: config.bot.appId !== '',
    }),
  );
  const services = createSupportServices({ knowledge: currentKb, feedback, customers, tickets, handoffs, thresholds: config.escalation });
  const mainDialog = new MainDialog(services, SupportBot.routerStateOf(conversationState));
  const bot = new SupportBot(conversationState, mainDialog, currentKb, handoffs);
  if (config.bot.appId === '') {
    logger.warn(
      'UNAUTHENTICATED MODE: MicrosoftAppId is not set, so POST /api/messages accepts requests from anyone (replies go ' +
        'only to serviceUrls on LOCAL_SERVICE_URLS, loopback by default, and its user ids never select a CRM customer). ' +
        'Fine for local use and the Emulator; set MicrosoftAppId and MicrosoftAppPassword before exposing this server to a network.',
    );
  }

  // --- http
  const inFlight = new InFlight();
  // --- Direct Line for the website widget (REST, WebSocket streams, internal connector): src/http/directline/
  const directLine = await createDirectLineChannel({ config, db, durability, adapter, logic: (context) => bot.run(context), inFlight, logger });

  // --- live handoff: agents talk into the customer's chat; unclaimed handoffs time out
  const liveChat = new LiveChat({ adapter, directLine: directLine.bridge, appId: config.bot.appId, bot, feedback, tickets, handoffs, knowledge: currentKb, logger });
  const handoffTimeouts = new HandoffTimeoutWorker(handoffs, liveChat, config.handoffTimeoutMs, logger);
  const agentApi = agentApiRoutes({ agents, tickets, notifications: new NotificationService(db, () => webhooks.notify()), liveChat, logger });
  const app = createHttpApp([healthRoutes(db), agentApi, botEndpoint(adapter, bot, inFlight, { authenticated: config.bot.appId !== '', localServiceUrls: config.http.localServiceUrls }), directLine.router, widgetRoutes(config.widget), agentConsoleRoutes()], logger, durability);
  let running: RunningServer | undefined;

  return {
    db,
    feedback,
    knowledge,
    directLine,
    tickets,
    customers,
    agents,
    liveChat,
    handoffs,
    async start() {
      await directLine.start();
      running = await listen(app, config.port, config.host, config.http);
      webhooks.start();
      handoffTimeouts.start();
      directLine.serve(running.server);
      return running;
    },
    async stop() {
      const closing = running?.close();
      directLine.closeStreams();
      const drained = await inFlight.drain(config.shutdownTimeoutMs);
      if (!drained) logger.warn({ pending: inFlight.size }, 'shutdown timeout: some turns did not finish');
      await closing;
      await directLine.stop();
      await webhooks.stop();
      await handoffTimeouts.stop();
      await knowledge.close();
      await db.destroy();
    },
  };
}
