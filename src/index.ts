import type { AgentService } from './agents/agent.service.ts';
import { AuditRepository } from './audit/audit.repository.ts';
import { AuditService } from './audit/audit.service.ts';
import { FailedSignInAudit } from './audit/failed-sign-in.audit.ts';
import { createAdapter } from './bot/create-adapter.ts';
import { createBot } from './bot/create-bot.ts';
import { DatabaseStorage } from './bot/database-storage.ts';
import { HandoffTimeoutWorker } from './bot/handoff-timeout.worker.ts';
import { LiveChat } from './bot/live-chat.ts';
import type { Config } from './config/config.ts';
import type { FeedbackService } from './conversations/feedback.service.ts';
import { createCrmServices } from './crm/crm-services.ts';
import type { CustomerService } from './customers/customer.service.ts';
import { DirectLineRepository } from './directline/directline.repository.ts';
import { openDirectLineService } from './directline/open-directline-service.ts';
import { RateLimitRepository } from './directline/rate-limit.repository.ts';
import { relayTranscriptEvents } from './directline/relay-transcript-events.ts';
import { AgentHandoffService } from './handoff/agent-handoff.service.ts';
import type { LiveHandoffService } from './handoff/live-handoff.service.ts';
import { CustomerHealthRepository } from './health/customer-health.repository.ts';
import { CustomerHealthService } from './health/customer-health.service.ts';
import { CustomerProfileRepository } from './health/customer-profile.repository.ts';
import { adminApiRoutes } from './http/admin-api/admin-api.routes.ts';
import { adminAuditRoutes } from './http/admin-api/audit.routes.ts';
import { adminConversationRoutes } from './http/admin-api/conversation.routes.ts';
import { customerPrivacyRoutes } from './http/admin-api/customer-privacy.routes.ts';
import { adminCustomersRoutes } from './http/admin-api/customers.routes.ts';
import { adminEntriesRoutes } from './http/admin-api/entries.routes.ts';
import { adminReportsRoutes } from './http/admin-api/reports.routes.ts';
import { SuggestionDecisions } from './http/admin-api/suggestion-decisions.ts';
import { adminConsoleRoutes } from './http/admin-console/admin-console.routes.ts';
import { agentApiRoutes } from './http/agent-api/agent-api.routes.ts';
import { agentConsoleRoutes } from './http/agent-console/agent-console.routes.ts';
import { botEndpoint } from './http/bot-endpoint.ts';
import { createHttpApp } from './http/create-http-app.ts';
import { createDirectLineChannel, type DirectLineChannel } from './http/directline/directline-channel.ts';
import { type GenerateLimiter, RateLimiter } from './http/directline/generate-rate-limit.ts';
import { SharedRateLimiter } from './http/directline/shared-rate-limit.ts';
import { healthRoutes } from './http/health.routes.ts';
import { listen, type RunningServer } from './http/http-server.ts';
import { InFlight } from './http/in-flight.ts';
import { widgetRoutes } from './http/widget/widget.routes.ts';
import { EntryStatsRepository } from './insights/entry-stats.repository.ts';
import { EntryStatsService } from './insights/entry-stats.service.ts';
import { InsightsRepository } from './insights/insights.repository.ts';
import { InsightsService } from './insights/insights.service.ts';
import { servedInsightsKnowledge } from './insights/served-insights-knowledge.ts';
import { KnowledgeChangeRepository } from './knowledge/changes/knowledge-change.repository.ts';
import { KnowledgeWriter } from './knowledge/files/knowledge-writer.ts';
import { KnowledgeFileBaseline } from './knowledge/files/knowledge-writer-baseline.ts';
import { KnowledgeStore } from './knowledge/knowledge-store.ts';
import type { Logger } from './logging/logger.ts';
import { NotificationRepository } from './notifications/notification.repository.ts';
import { NotificationService } from './notifications/notification.service.ts';
import { WebhookWorker } from './notifications/webhook.worker.ts';
import { CustomerPrivacyService } from './privacy/customer-privacy.service.ts';
import { LiveRedactor } from './privacy/live-redactor.ts';
import { MessageRedactionRepository } from './privacy/message-redaction.repository.ts';
import { MessageRedactionService } from './privacy/message-redaction.service.ts';
import { RetentionWorker } from './privacy/retention.worker.ts';
import { retentionRules } from './privacy/retention-rules.ts';
import { ReportsRepository } from './reports/reports.repository.ts';
import { ReportsService } from './reports/reports.service.ts';
import { BotStateRepository } from './store/bot-state.repository.ts';
import { type Db, openDatabase } from './store/database.ts';
import { isPostgresUrl } from './store/database-location.ts';
import { Durability } from './store/durability.ts';
import type { StatementTimings } from './store/sqlite3-dialect.ts';
import { Transactor } from './store/transactor.ts';
import type { TicketCommandService } from './tickets/ticket-command.service.ts';
import type { TicketQueryService } from './tickets/ticket-query.service.ts';
import type { KnowledgeFolder } from './training/knowledge-folder.loader.ts';
import type { KnowledgeModels } from './training/knowledge-models.ts';
import { KnowledgeTrainer, type KnowledgeTrainerOptions, type TrainedSource } from './training/knowledge-trainer.ts';

/** A fully wired server that has not started listening yet. */
export interface App {
  readonly db: Db;
  readonly feedback: FeedbackService;
  /** The whole knowledge folder and the matcher and analyzer built from it, hot-reloaded as one. */
  readonly knowledge: KnowledgeStore<KnowledgeModels, KnowledgeFolder>;
  /** Escalation CRM: `tickets.escalate(...)` opens or adds to a conversation's ticket. */
  readonly tickets: TicketCommandService;
  /** `ticketQueries.get(reference)`: a ticket with its customer, events and transcript; the queue. */
  readonly ticketQueries: TicketQueryService;
  /** `customers.updateContact(...)` saves name/email (merging a returning customer by email). */
  readonly customers: CustomerService;
  readonly agents: AgentService;
  /** The website widget's Direct Line channel; `directLine.bridge.continueConversation` for proactive messages. */
  readonly directLine: DirectLineChannel;
  /** Agent replies and handoff status changes into live chats (proactive messages). */
  readonly liveChat: LiveChat;
  readonly handoffs: LiveHandoffService;
  /** The misses inbox: grouped missed questions with suggestions, judged by the served matcher. */
  readonly insights: InsightsService;
  /** The audit trail: every agent and admin action; `audit.purgeBefore` is for the retention worker. */
  readonly audit: AuditService;
  /**
   * Starts listening on `config.port` (0 = ephemeral). When it rejects (the port is taken: a
   * `ListenError`), call `stop()`: it closes what `createApp` opened, else the process stays up.
   */
  start(): Promise<RunningServer>;
  /** Stops accepting, waits for in-flight turns (up to the shutdown timeout), closes the database. */
  stop(): Promise<void>;
}

/** Parts a test or a bench hands in instead of the default ones (not configuration). */
export interface AppOptions {
  /** Where knowledge loading and training tasks run (default: a worker thread each); see `KnowledgeTrainerOptions.runTask`. */
  readonly runTrainingTask?: KnowledgeTrainerOptions['runTask'];
  /**
   * The limiter of public Direct Line token generation (default: `GENERATE_LIMIT` per minute per
   * address). Tests that share one app pass one on a clock they move, instead of starting apps.
   */
  readonly generateLimiter?: GenerateLimiter;
  /** What time the bot thinks it is for business hours (default: the system clock). */
  readonly clock?: () => Date;
  /**
   * The redactor the logger was built with (`createLogger(level, destination, redactor)`), so log
   * lines and stored text follow the same patterns file; default: one of `config.redactionTypes`.
   */
  readonly redactor?: LiveRedactor;
  /** SQLite only: where each statement's time goes (the turn bench's `--sql-timing`). */
  readonly statementTimings?: StatementTimings;
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
    runTask: options.runTrainingTask,
  });
  let sources: { matcher: TrainedSource; analyzer: TrainedSource } = { matcher: 'trained', analyzer: 'trained' };
  // At start nothing is being served yet, so the YAML is read here; reloads read it in a worker
  // too (about 1 s per 20k phrasings of parsing and validation would stall every conversation).
  let serving = false;
  // What the served knowledge was loaded from, file by file: the write-back refuses (409) a file edited since.
  const baseline = new KnowledgeFileBaseline();
  // Every file in knowledge/ (FAQ, wording, sentiment, complaints) feeds one store: a bad edit
  // anywhere keeps the last good matcher and analyzer serving, a good one swaps both together.
  const knowledge = await KnowledgeStore.open<KnowledgeModels, KnowledgeFolder>({
    dir: config.knowledgeDir,
    load: baseline.track(async (dir) =>
      serving ? trainer.knowledgeFolder(dir) : (await trainer.knowledgeFolderAtStart(dir)).value,
    ),
    build: async (folder) => {
      const [matcher, analyzer] = await Promise.all([
        trainer.matcher(folder, config.match),
        trainer.analyzer(folder.analysis),
      ]);
      sources = { matcher: matcher.source, analyzer: analyzer.source };
      return { matcher: matcher.value, analyzer: analyzer.value };
    },
    onError: (error) => logger.error({ err: error }, 'knowledge reload failed: still serving the last good knowledge'),
    onReloading: (kb) =>
      logger.info(
        { entries: kb.entries.length },
        'knowledge reloading: serving the previous knowledge until it is ready',
      ),
    onReload: (snapshot, { ms }) =>
      logger.info(
        { version: snapshot.version, entries: snapshot.knowledgeBase.entries.length, ...sources, ms: Math.round(ms) },
        `knowledge reloaded in ${Math.round(ms)} ms`,
      ),
  });
  serving = true;
  logger.info({ entries: knowledge.snapshot().knowledgeBase.entries.length, ...sources }, 'knowledge loaded');
  // Redaction at the door (issue 18): built-in types plus knowledge/redaction.yaml, reloaded on change.
  const redactor = options.redactor ?? new LiveRedactor(config.redactionTypes);
  await redactor
    .load(config.knowledgeDir, {
      onError: (error) =>
        logger.error({ err: error }, 'redaction patterns reload failed: keeping the last good patterns'),
      onReload: (patterns) => logger.info({ patterns }, 'redaction patterns reloaded'),
    })
    .catch(async (error: unknown) => {
      await knowledge.close();
      throw error;
    });
  const db = await openDatabase(config.databasePath, {
    synchronous: config.databaseSynchronous,
    checkpoint: 'background',
    statementTimings: options.statementTimings,
  }).catch(async (error: unknown) => {
    redactor.close();
    await knowledge.close();
    throw error;
  });
  // From here on, a step that fails closes what is open (the database and its checkpointer, the
  // knowledge watcher, a PostgreSQL listener), so a caller that gets the error has nothing to clean up.
  let transcriptRelay: Awaited<ReturnType<typeof relayTranscriptEvents>> | undefined;
  try {
    // DATABASE_SYNCHRONOUS=request: commits are not fsynced one by one; every answer waits for one durable commit.
    const durability = new Durability(db, config.databaseSynchronous);

    // --- escalation: CRM (customers, tickets, agents) and the webhook outbox worker (runs between start() and stop())
    const webhooks = new WebhookWorker(new NotificationRepository(db), {
      webhook: config.webhook,
      publicUrl: config.publicUrl,
      logger,
    });
    // One transactor for every store a turn writes (CRM, bot state, transcript): a Direct Line turn is one transaction.
    const transactor = new Transactor(db);
    const directLineStore = new DirectLineRepository(transactor);
    const audit = new AuditService({ events: new AuditRepository(db) });
    const { agents, feedback, tickets, ticketQueries, customers, handoffs } = createCrmServices(db, {
      onNotification: () => webhooks.notify(),
      offeredActions: directLineStore,
      redactor,
      transactor,
      // Refused agent and admin tokens go to the audit trail, coalesced (see FailedSignInAudit).
      signInFailures: new FailedSignInAudit(audit, logger),
    });

    const currentKb = () => knowledge.snapshot().knowledgeBase;
    // Customer health: scored with the scorecard being served (health.yaml, hot-reloaded with the folder).
    const customerHealth = new CustomerHealthService({
      signals: new CustomerHealthRepository(db),
      profiles: new CustomerProfileRepository(db),
      scorecard: () => currentKb().health,
      clock: options.clock,
    });
    const insights = new InsightsService({
      repository: new InsightsRepository(db),
      knowledge: () => servedInsightsKnowledge(knowledge.snapshot()),
    });

    // --- bot: the one wiring (src/bot/create-bot.ts) on the Bot Framework adapter
    const wired = createBot({
      knowledge: currentKb,
      matchText: (text) => knowledge.current().matcher.match(text),
      analyze: (text) => knowledge.current().analyzer.analyze(text),
      storage: new DatabaseStorage(new BotStateRepository(transactor.db)),
      feedback,
      customers,
      tickets,
      handoffs,
      thresholds: config.escalation,
      logger,
      channelsAuthenticated: config.bot.appId !== '',
      businessHours: config.businessHours,
      clock: options.clock,
    });
    const adapter = wired.attach(createAdapter(config.bot, config.http.connectorTimeoutMs));
    const { bot } = wired;
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
    const openedDirectLine = await openDirectLineService(
      directLineStore,
      {
        ...config.directLine,
        botAppId: config.bot.appId,
        botName: config.widget.botName,
      },
      redactor,
    );
    // Several processes on one PostgreSQL: a stream hears another process's appends at once (LISTEN/NOTIFY).
    transcriptRelay = isPostgresUrl(config.databasePath)
      ? await relayTranscriptEvents(openedDirectLine.events, config.databasePath, logger)
      : undefined;
    // One process keeps the token limit in memory; processes sharing PostgreSQL share one limit in it.
    const generateLimiter =
      options.generateLimiter ??
      (isPostgresUrl(config.databasePath) ? new SharedRateLimiter(new RateLimitRepository(db)) : new RateLimiter());
    const directLine = createDirectLineChannel({
      ...openedDirectLine,
      config,
      generateLimiter,
      durability,
      adapter,
      logic: wired.logic,
      transactor,
      inFlight,
      logger,
    });

    // --- live handoff: agents talk into the customer's chat; unclaimed handoffs time out
    const liveChat = new LiveChat({
      adapter,
      directLine: directLine.bridge,
      appId: config.bot.appId,
      bot,
      feedback,
      knowledge: currentKb,
    });
    const handoffTimeouts = new HandoffTimeoutWorker(handoffs, liveChat, config.handoffTimeoutMs, logger);
    // Expired records, deleted in small batches between turns (RETENTION_*); the audit trail adds its rule here.
    const retention = new RetentionWorker(db, retentionRules(config.retention), {
      logger,
      everyMs: config.retention.checkEveryMs,
    });
    const agentHandoffs = new AgentHandoffService({
      liveHandoffs: handoffs,
      ticketQueries,
      tickets,
      agents,
      liveChat,
      logger,
    });
    const agentApi = agentApiRoutes({
      agents,
      tickets,
      ticketQueries,
      notifications: new NotificationService(new NotificationRepository(db), () => webhooks.notify()),
      agentHandoffs,
      logger,
      knowledge: currentKb,
      audit,
      customerHealth,
      redaction: new MessageRedactionService({
        // The transactor the Direct Line transcript is built on: a redaction is one transaction.
        repository: new MessageRedactionRepository(transactor),
        transcript: openedDirectLine.service,
        audit,
      }),
    });
    // --- admin API: the inbox's suggestions, accepted into the knowledge files (validated in a worker, then reloaded)
    const knowledgeChanges = new KnowledgeChangeRepository(db);
    const writer = new KnowledgeWriter({
      dir: config.knowledgeDir,
      validate: (dir, options) => trainer.knowledgeFolder(dir, options),
      served: () => baseline.current(),
    });
    const adminApi = adminApiRoutes({
      agents,
      insights,
      changes: knowledgeChanges,
      audit,
      decisions: new SuggestionDecisions({
        insights,
        writer,
        changes: knowledgeChanges,
        reloadKnowledge: async () => {
          const reloaded = await knowledge.reload();
          return { reloaded: reloaded.kind !== 'failed', version: knowledge.snapshot().version };
        },
      }),
    });
    const app = createHttpApp(
      [
        healthRoutes(db),
        agentApi,
        adminApi,
        botEndpoint(adapter, bot, inFlight, {
          authenticated: config.bot.appId !== '',
          localServiceUrls: config.http.localServiceUrls,
        }),
        directLine.router,
        widgetRoutes(config.widget),
        agentConsoleRoutes(),
        adminEntriesRoutes({
          agents,
          entryStats: new EntryStatsService(new EntryStatsRepository(db), currentKb),
          audit,
        }),
        adminConversationRoutes({ agents, feedback, audit }),
        adminAuditRoutes({ agents, audit }),
        adminReportsRoutes({
          agents,
          reports: new ReportsService(new ReportsRepository(db), insights),
          timeZone: config.reportTimeZone,
          audit,
        }),
        adminCustomersRoutes({ agents, health: customerHealth }),
        customerPrivacyRoutes({ agents, privacy: new CustomerPrivacyService({ db, audit }) }),
        adminConsoleRoutes(),
      ],
      logger,
      durability,
      config.http.trustProxy,
    );
    let running: RunningServer | undefined;

    return {
      db,
      feedback,
      knowledge,
      directLine,
      tickets,
      ticketQueries,
      customers,
      agents,
      liveChat,
      handoffs,
      insights,
      audit,
      async start() {
        await directLine.start();
        running = await listen(app, config.port, config.host, config.http);
        webhooks.start();
        handoffTimeouts.start();
        retention.start();
        directLine.serve(running.server);
        return running;
      },
      async stop() {
        const closing = running?.close();
        directLine.closeStreams();
        const drained = await inFlight.drain(config.shutdownTimeoutMs);
        if (!drained) logger.warn({ pending: inFlight.size }, 'shutdown timeout: some turns did not finish');
        await closing;
        await webhooks.stop();
        await handoffTimeouts.stop();
        await retention.stop();
        await transcriptRelay?.close();
        await knowledge.close();
        redactor.close();
        await db.destroy();
      },
    };
  } catch (error) {
    // Each closed whatever the others do; the error that stopped the start is the one the caller gets.
    await transcriptRelay?.close().catch(() => {});
    await knowledge.close().catch(() => {});
    redactor.close();
    await db.destroy().catch(() => {});
    throw error;
  }
}
