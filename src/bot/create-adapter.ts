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
  apology: () => string;
  clearState: (context: TurnContext) => Promise<void>;
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

  adapter.onTurnError = async (context, error) => {
    const conversationId = context.activity.conversation?.id;
    logger.error({ err: error, conversationId, activityId: context.activity.id }, 'unhandled error in turn');
    try {
      // The customer sees a safe apology, never the error itself.
      if (context.activity.type === 'message') await context.sendActivity(hooks.apology());
      await hooks.clearState(context);
    } catch (followUpError) {
      logger.error({ err: followUpError, conversationId }, 'could not recover from turn error');
    }
  };
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
