import { type Activity, ActivityEx, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
} from 'botframework-connector';
import type { DirectLineActivity } from '../directline/directline-activity.ts';
import type { Logger } from '../logging/logger.ts';
import type { Transactor } from '../store/transactor.ts';
import { DirectLineConnectorClient, type DirectLineReplies } from './directline-connector-client.ts';

/**
 * A claim only the bridge puts on a turn's identity: the activity came from this server's Direct
 * Line, so the fields the server sets on it (`from`, `channelData.answerdesk`) can be believed.
 * No channel token can carry it: channel claims come from Microsoft's signed JWTs.
 */
export const DIRECT_LINE_TURN_CLAIM = 'answerdesk:directline-turn';

/**
 * The `serviceUrl` every Direct Line turn carries. No server answers it (`.invalid` never
 * resolves): the bridge's Connector client stores the replies in-process, and refuses to be built
 * for any other URL, while a real channel's turn never gets that client.
 */
export const DIRECT_LINE_SERVICE_URL = 'https://directline.answerdesk.invalid/';

/** What a turn runs: usually `(context) => bot.run(context)`. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface DirectLineBridgeDeps {
  readonly adapter: CloudAdapter;
  readonly logic: TurnLogic;
  /** The configured Microsoft app id (empty in local mode), put in each turn's claims. */
  readonly appId: string;
  /** Where the bot's replies are stored (`DirectLineService`). */
  readonly replies: DirectLineReplies;
  /**
   * The transactor every store of the turn is built on; with it, a turn and its bookkeeping are
   * one transaction (see {@link DirectLineBridge.runTurn}). Without it each write is its own.
   */
  readonly transactor?: Transactor | undefined;
  readonly logger: Logger;
}

/**
 * Runs Direct Line activities through the CloudAdapter in-process. The bot's replies go the
 * ordinary Bot Framework way (`sendActivity` -> ConnectorClient) to a Connector client that
 * stores them in the transcript in-process ({@link DirectLineConnectorClient}): no HTTP request.
 * Middleware and `onTurnError` run exactly as for `/api/messages`, whose turns keep the SDK's
 * HTTP Connector clients for their channel's `serviceUrl`.
 *
 * The turn is authenticated here, not by the adapter: the inbound activity came from a client
 * whose Direct Line token was already checked. The claims carry the configured app id (empty in
 * local mode) so the adapter's user-token client can be built either way; replies need no
 * Microsoft login even when an app id is configured.
 */
export class DirectLineBridge {
  readonly #factory: ConnectorFactory;

  constructor(private readonly deps: DirectLineBridgeDeps) {
    this.#factory = new InternalConnectorFactory(new DirectLineConnectorClient(DIRECT_LINE_SERVICE_URL, deps.replies));
  }

  /** The `serviceUrl` every Direct Line turn carries ({@link DIRECT_LINE_SERVICE_URL}). */
  get serviceUrl(): string {
    return DIRECT_LINE_SERVICE_URL;
  }

  /**
   * Runs one turn for `activity`, then `bookkeeping` (marking the turn done), and resolves when
   * both are done (the replies are stored by then). Resolves false when the turn failed: bot
   * errors go to the adapter's `onTurnError`, and anything that escapes it is logged here, so a
   * client never sees a bot failure as an HTTP error. Rejects only when `bookkeeping` does.
   *
   * With a transactor, the turn's writes (feedback records, bot state, replies, the bookkeeping)
   * are one transaction, and streams hear of the replies after its commit. A turn whose logic
   * threw, or that could not commit, is rolled back whole (its replies were never shown) and run
   * again with each write its own transaction, exactly as without a transactor: the customer's
   * message is recorded and the error handler's apology is stored and shown.
   */
  async runTurn(activity: DirectLineActivity, bookkeeping: () => Promise<void> = async () => {}): Promise<boolean> {
    const { transactor } = this.deps;
    if (transactor !== undefined && (await this.#runInOneTransaction(transactor, activity, bookkeeping))) return true;
    const ran = await this.#run(activity, this.deps.logic);
    await bookkeeping();
    return ran;
  }

  /** True when the turn ran and committed; false when it was rolled back. */
  async #runInOneTransaction(
    transactor: Transactor,
    activity: DirectLineActivity,
    bookkeeping: () => Promise<void>,
  ): Promise<boolean> {
    let failure: unknown;
    // The error handler catches what the bot throws, so it is noted on its way there.
    const logic: TurnLogic = (context) =>
      this.deps.logic(context).catch((error: unknown) => {
        failure ??= error;
        throw error;
      });
    try {
      // The transaction begins at the turn's first write (its replies, usually), so concurrent turns
      // use the connection while this one matches and runs dialogs.
      await transactor.runTurn(async () => {
        await this.deps.adapter.processActivityDirect(this.authentication(), this.inbound(activity), logic);
        if (failure !== undefined) throw new TurnRolledBack(failure);
        await bookkeeping();
      });
      return true;
    } catch (error) {
      this.deps.logger.warn(
        { err: error, conversationId: activity.conversation.id, activityId: activity.id },
        'Direct Line turn rolled back; running it again with each write on its own',
      );
      return false;
    }
  }

  async #run(activity: DirectLineActivity, logic: TurnLogic): Promise<boolean> {
    try {
      await this.deps.adapter.processActivityDirect(this.authentication(), this.inbound(activity), logic);
      return true;
    } catch (error) {
      this.deps.logger.error(
        { err: error, conversationId: activity.conversation.id, activityId: activity.id },
        'Direct Line turn failed',
      );
      return false;
    }
  }

  /** The same wire JSON the adapter would parse from an HTTP request, and a copy the turn may change. */
  private inbound(activity: DirectLineActivity): Activity {
    return JSON.parse(JSON.stringify({ ...activity, serviceUrl: this.serviceUrl })) as Activity;
  }

  /**
   * Proactive message into a Direct Line conversation (e.g. an agent's reply). Use this instead of
   * `adapter.continueConversationAsync`, which would need a Microsoft login when an app id is set
   * and would use the `serviceUrl` stored in the reference (older processes stored another one).
   * Errors reach the caller.
   *
   * What the turn sends replies to nothing: botbuilder would stamp the continuation event's own
   * fresh id on every activity as `replyToId`, an id no client ever sees, and Web Chat holds a
   * reply to an activity it has not got for up to 5 seconds before showing it.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const { id: _unseen, ...continuation } = ActivityEx.getContinuationActivity({
      ...reference,
      serviceUrl: this.serviceUrl,
    }) as Activity;
    await this.deps.adapter.processActivityDirect(this.authentication(), continuation as Activity, logic);
  }

  private authentication(): AuthenticateRequestResult {
    const { appId } = this.deps;
    return {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity: new ClaimsIdentity(
        [
          { type: AuthenticationConstants.AudienceClaim, value: appId },
          { type: AuthenticationConstants.AppIdClaim, value: appId },
          { type: DIRECT_LINE_TURN_CLAIM, value: 'true' },
        ],
        true,
      ),
      connectorFactory: this.#factory,
    };
  }
}

/** Why a turn's transaction was rolled back: its logic threw (the error handler has logged it). */
class TurnRolledBack extends Error {
  constructor(cause: unknown) {
    super('the turn failed', { cause });
  }
}

/** Hands out the in-process Direct Line Connector client, and refuses any other URL. */
class InternalConnectorFactory extends ConnectorFactory {
  constructor(private readonly client: ConnectorClient) {
    super();
  }

  override create(serviceUrl: string): Promise<ConnectorClient> {
    if (serviceUrl !== DIRECT_LINE_SERVICE_URL) {
      return Promise.reject(
        new Error('A Direct Line turn can only reply through the internal Direct Line connector (in-process)'),
      );
    }
    return Promise.resolve(this.client);
  }
}
