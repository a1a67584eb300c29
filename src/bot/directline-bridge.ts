import { type Activity, ActivityEx, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  MicrosoftAppCredentials,
} from 'botframework-connector';
import type { DirectLineActivity } from '../directline/directline-activity.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * A claim only the bridge puts on a turn's identity: the activity came from this server's Direct
 * Line, so the fields the server sets on it (`from`, `channelData.answerdesk`) can be believed.
 * No channel token can carry it: channel claims come from Microsoft's signed JWTs.
 */
export const DIRECT_LINE_TURN_CLAIM = 'answerdesk:directline-turn';

/** What a turn runs: usually `(context) => bot.run(context)`. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * Runs Direct Line activities through the CloudAdapter in-process, with our own internal
 * Connector endpoint as their `serviceUrl`: the bot's replies travel the ordinary Bot Framework
 * way (`sendActivity` -> ConnectorClient -> HTTP) to that endpoint, which stores them in the
 * transcript. Middleware and `onTurnError` run exactly as for `/api/messages`.
 *
 * The turn is authenticated here, not by the adapter: the inbound activity came from a client
 * whose Direct Line token was already checked. The claims carry the configured app id (empty in
 * local mode) so the adapter's user-token client can be built either way; outbound calls use an
 * anonymous ConnectorClient that only talks to the internal endpoint, so no Microsoft login is
 * needed even when an app id is configured.
 */
export class DirectLineBridge {
  #serviceUrl: string | undefined;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly logic: TurnLogic,
    private readonly appId: string,
    private readonly logger: Logger,
  ) {}

  /** Sets the internal Connector URL; called once the internal endpoint listens. */
  setServiceUrl(serviceUrl: string): void {
    this.#serviceUrl = serviceUrl;
  }

  /** The internal Connector URL every Direct Line turn carries as its `serviceUrl`. */
  get serviceUrl(): string {
    if (this.#serviceUrl === undefined)
      throw new Error('The Direct Line connector is not listening yet (start the app first)');
    return this.#serviceUrl;
  }

  /**
   * Runs one turn for `activity` and resolves when the bot is done (its replies are stored by
   * then). Never rejects: bot errors go to the adapter's `onTurnError`, and anything that escapes
   * it is logged here, so a client never sees a bot failure as an HTTP error. Returns false when
   * the turn failed that way.
   */
  async runTurn(activity: DirectLineActivity): Promise<boolean> {
    // The same wire JSON the adapter would parse from an HTTP request, and a copy the turn may change.
    const inbound = JSON.parse(JSON.stringify({ ...activity, serviceUrl: this.serviceUrl })) as Activity;
    try {
      await this.adapter.processActivityDirect(this.authentication(), inbound, this.logic);
      return true;
    } catch (error) {
      this.logger.error(
        { err: error, conversationId: activity.conversation.id, activityId: activity.id },
        'Direct Line turn failed',
      );
      return false;
    }
  }

  /**
   * Proactive message into a Direct Line conversation (e.g. an agent's reply). Use this instead of
   * `adapter.continueConversationAsync`, which would need a Microsoft login when an app id is set
   * and would use the `serviceUrl` stored in the reference, which changes with every restart.
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
    await this.adapter.processActivityDirect(this.authentication(), continuation as Activity, logic);
  }

  private authentication(): AuthenticateRequestResult {
    return {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity: new ClaimsIdentity(
        [
          { type: AuthenticationConstants.AudienceClaim, value: this.appId },
          { type: AuthenticationConstants.AppIdClaim, value: this.appId },
          { type: DIRECT_LINE_TURN_CLAIM, value: 'true' },
        ],
        true,
      ),
      connectorFactory: new InternalConnectorFactory(this.serviceUrl),
    };
  }
}

/** Builds anonymous ConnectorClients for the internal endpoint, and refuses any other URL. */
class InternalConnectorFactory extends ConnectorFactory {
  constructor(private readonly serviceUrl: string) {
    super();
  }

  override create(serviceUrl: string): Promise<ConnectorClient> {
    if (serviceUrl !== this.serviceUrl) {
      return Promise.reject(new Error('A Direct Line turn can only reply through the internal Direct Line connector'));
    }
    return Promise.resolve(new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl }));
  }
}
