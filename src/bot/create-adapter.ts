import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  StatusCodes,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationError,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
} from 'botframework-connector';
import type { BotCredentials } from '../config/config.ts';

/**
 * Builds the Bot Framework adapter. With an app id, every request must carry a valid Bot Framework
 * token (401 otherwise); without one the adapter runs in local / Emulator mode and authenticates
 * nothing, which `src/index.ts` announces loudly. Its turn error handler and middleware come from
 * `createBot` (`create-bot.ts`), as for every adapter the bot runs on.
 */
export function createAdapter(
  credentials: BotCredentials,
  connectorTimeoutMs = DEFAULT_CONNECTOR_TIMEOUT_MS,
): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword,
    MicrosoftAppTenantId: credentials.appTenantId,
    MicrosoftAppType: credentials.appType,
  };
  return new CloudAdapter(new StrictBotFrameworkAuthentication(options, connectorTimeoutMs));
}

/** How long one call to a Bot Framework Connector (sending a reply) may take when not configured. */
const DEFAULT_CONNECTOR_TIMEOUT_MS = 3_000;

/** jsonwebtoken's error names: a token that is malformed, badly signed, expired or not yet valid. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The SDK lets jsonwebtoken's own errors (e.g. "invalid signature" for a forged token) escape as a
 * 500; a bad token is the caller's fault, so it becomes an `AuthenticationError` and a 401. And the
 * Connector clients it hands out fail fast (see {@link FailFastConnectorFactory}).
 */
class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly connectorTimeoutMs: number,
  ) {
    super(options);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && JWT_ERRORS.has(error.name)) {
        throw new AuthenticationError(`Unauthorized: ${error.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw error;
    }
    const { connectorFactory } = result;
    return connectorFactory === undefined
      ? result
      : { ...result, connectorFactory: new FailFastConnectorFactory(connectorFactory, this.connectorTimeoutMs) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new FailFastConnectorFactory(super.createConnectorFactory(claimsIdentity), this.connectorTimeoutMs);
  }
}

/** The part of @azure/core-rest-pipeline's `Pipeline` used here (the SDK does not export the type). */
interface RequestPipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: {
    name: string;
    sendRequest(
      request: { timeout: number },
      next: (request: { timeout: number }) => Promise<unknown>,
    ): Promise<unknown>;
  }): void;
}

/**
 * Connector clients whose calls time out after `timeoutMs` and are not retried. The SDK's default
 * retries a failed reply three times with exponential back-off (5-12 s), holding the request that
 * started the turn all along; a Connector that does not answer in a few seconds will not answer.
 */
class FailFastConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    // ConnectorClient wraps an @azure/core-client ServiceClient as `client`; its pipeline holds the retry policy.
    const pipeline = (client as unknown as { client?: { pipeline?: RequestPipeline } }).client?.pipeline;
    if (pipeline === undefined)
      throw new Error('botframework-connector changed: ConnectorClient has no request pipeline to make fail fast');
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    pipeline.addPolicy({
      name: 'answerdeskConnectorTimeout',
      sendRequest: (request, next) => {
        request.timeout = this.timeoutMs;
        return next(request);
      },
    });
    return client;
  }
}
