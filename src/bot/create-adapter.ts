import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { BotCredentials } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';

/** What `onTurnError` needs besides the adapter: something to say, and state to clear. */
export interface TurnErrorHooks {
  apology: () => string | Partial<Activity>;
  clearState: (context: TurnContext) => Promise<void>;
}

/**
 * What the adapter does when a turn throws: log it with the conversation id, apologise to the
 * customer (offering a person), and clear the conversation's dialog state so the next message
 * starts clean. The error itself is never shown to the customer.
 */
export function turnErrorHandler(logger: Logger, hooks: TurnErrorHooks) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const conversationId = context.activity.conversation?.id;
    logger.error({ err: error, conversationId, activityId: context.activity.id }, 'unhandled error in turn');
    try {
      if (context.activity.type === 'message') await context.sendActivity(hooks.apology());
      await hooks.clearState(context);
    } catch (followUpError) {
      logger.error({ err: followUpError, conversationId }, 'could not recover from turn error');
    }
  };
}

/**
 * Builds the Bot Framework adapter. With an app id, every request must carry a valid Bot Framework
 * token (401 otherwise); without one the adapter runs in local / Emulator mode and authenticates
 * nothing, which `src/index.ts` announces loudly.
 */
export function createAdapter(credentials: BotCredentials, logger: Logger, hooks: TurnErrorHooks): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword,
    MicrosoftAppTenantId: credentials.appTenantId,
    MicrosoftAppType: credentials.appType,
  };
  const adapter = new CloudAdapter(new StrictBotFrameworkAuthentication(options));

  adapter.onTurnError = turnErrorHandler(logger, hooks);
  return adapter;
}

/** jsonwebtoken's error names: a token that is malformed, badly signed, expired or not yet valid. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The SDK lets jsonwebtoken's own errors (e.g. "invalid signature" for a forged token) escape as a
 * 500; a bad token is the caller's fault, so it becomes an `AuthenticationError` and a 401.
 */
class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && JWT_ERRORS.has(error.name)) {
        throw new AuthenticationError(`Unauthorized: ${error.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw error;
    }
  }
}
