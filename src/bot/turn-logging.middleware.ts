import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.ts';

/** Turn-state key under which each turn's child logger (bound to the conversation id) is kept. */
const TURN_LOGGER_KEY = Symbol('answerdesk.turnLogger');

/**
 * Logs one line per turn with the conversation id, channel, activity type, number of replies and
 * duration, and puts a conversation-bound child logger into turn state for everything downstream.
 */
export function turnLoggingMiddleware(logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      const log = logger.child({ conversationId: activity.conversation?.id, channelId: activity.channelId });
      context.turnState.set(TURN_LOGGER_KEY, log);
      let replies = 0;
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        replies += activities.length;
        return sendNext();
      });
      const started = performance.now();
      try {
        await next();
      } finally {
        log.info(
          {
            activityType: activity.type,
            activityId: activity.id,
            replies,
            ms: Math.round(performance.now() - started),
          },
          'turn',
        );
      }
    },
  };
}

/** The conversation-bound logger of this turn (falls back to `fallback` outside the middleware). */
export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOGGER_KEY) as Logger | undefined) ?? fallback;
}
