import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.ts';

/** What `onTurnError` needs besides the logger: something to say, and state to clear. */
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
