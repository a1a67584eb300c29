import {
  type Activity,
  ActivityEventNames,
  ActivityTypes,
  type Middleware,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { MessageAnalysis } from '../analysis/message-analysis.ts';
import { parseSupportAction } from '../chat/support-action.ts';
import { lazyTurnAnalysis, setTurnAnalysis, type TurnSentiment } from '../chat/turn-analysis.ts';
import type { FeedbackService } from '../conversations/feedback.service.ts';
import type { Handoff } from '../handoff/handoff.ts';
import type { MatchResult } from '../knowledge/matching/match-result.ts';
import type { Logger } from '../logging/logger.ts';
import { conversationTrend } from '../sentiment/conversation-trend.ts';
import { liveHandoffTurn } from './live-handoff-turn.ts';
import { turnLogger } from './turn-logging.middleware.ts';
import { recordTurnOutcome } from './turn-outcome.ts';
import { isVerifiedUser } from './user-verification.ts';

/** Matches a customer's message against the knowledge base being served right now. */
export type MatchText = (text: string) => MatchResult;

function timestampOf(activity: Partial<Activity>): string {
  const raw = activity.timestamp;
  const date = raw === undefined ? new Date() : new Date(raw);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/**
 * Keeps every inbound and outbound activity as a feedback record and hands the turn's analysis to
 * the dialogs through turn state, so no dialog can forget either.
 *
 * The inbound record is written before the bot runs: a message the channel got a 2xx for is in
 * the database even when the bot then fails on it. When the turn ends (also when it failed), one
 * write stores what the dialogs said the message was (`noteTurnKind`): its kind, prompt, button,
 * language and, for a question only, its match, which is computed only when a dialog routes the
 * message as a question.
 */
export interface FeedbackMiddlewareDeps {
  readonly feedback: FeedbackService;
  readonly matchText: MatchText;
  /** Sentiment and complaint analysis; omitted in tests that do not need it. */
  readonly analyze?: ((text: string) => MessageAnalysis) | undefined;
  readonly logger: Logger;
  /**
   * True when `/api/messages` is authenticated (a Microsoft app id is set): channels' user ids are
   * then believed across conversations. Direct Line turns decide by their token (see `isVerifiedUser`).
   */
  readonly channelsAuthenticated: boolean;
  /**
   * The conversation's live handoff (`LiveHandoffService.live`). While a person has the chat the
   * bot's dialogs do not run, so the sentiment trend only they read is not computed; omitted in
   * tests without handoffs.
   */
  readonly liveHandoff?: ((conversationId: string) => Promise<Handoff | undefined>) | undefined;
}

/** How many recent customer messages the sentiment trend looks at. */
const TREND_TURNS = 6;

export function feedbackMiddleware({
  feedback,
  matchText,
  analyze,
  logger,
  channelsAuthenticated,
  liveHandoff,
}: FeedbackMiddlewareDeps): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      const conversationId = activity.conversation?.id;
      const userId = activity.from?.id;
      if (conversationId === undefined || userId === undefined) return next();
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        let responses: ResourceResponse[] | undefined;
        try {
          responses = await sendNext();
          return responses;
        } finally {
          await recordOutbound(feedback, conversationId, activities, responses, turnLogger(context, logger));
        }
      });
      // A proactive turn (an agent's reply, a status change): only what the bot sends is recorded.
      if (activity.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation)
        return next();

      const text = typeof activity.text === 'string' ? activity.text : '';
      const isMessage = activity.type === 'message';
      const action = isMessage ? parseSupportAction(activity.value) : undefined;
      // Only what the customer typed is analysed: a button's words are ours. Analysed before the
      // inbound record, which stores it (an escalation this turn opens a ticket whose subject and
      // queue read it; the turn's end clears it again if the message turns out not to be scored),
      // so that record is one write, and the turn's transaction begins at its replies.
      // Sentiment and complaint are stored during a handoff too: the agent console shows them per message.
      const analysis =
        isMessage && analyze !== undefined && action === undefined && text.trim() !== '' ? analyze(text) : undefined;
      const stored = await feedback.recordInbound({
        conversationId,
        user: {
          channelId: activity.channelId ?? 'unknown',
          userId,
          name: activity.from?.name,
          verified: isVerifiedUser(context, channelsAuthenticated),
        },
        reference: JSON.stringify(TurnContext.getConversationReference(activity)),
        activityType: activity.type ?? 'unknown',
        activityId: activity.id ?? null,
        text: activity.type === 'message' ? text : (activity.text ?? null),
        fields: { ...activity },
        at: timestampOf(activity),
        findings: analysis,
      });

      if (!isMessage) return next();
      const handoff = liveHandoff === undefined ? undefined : await liveHandoff(conversationId);
      if (liveHandoff !== undefined) liveHandoffTurn.note(context, handoff);
      let sentiment: TurnSentiment | undefined;
      if (analysis !== undefined) {
        if (handoff === undefined) {
          const trend = conversationTrend(await feedback.recentComparatives(conversationId, TREND_TURNS));
          sentiment = { ...analysis.sentiment, gettingAngrier: trend.gettingAngrier, trend: trend.trend };
        }
      }
      const turn = lazyTurnAnalysis(
        context,
        {
          messageId: stored.messageId,
          customerId: stored.customerId,
          text,
          action,
          sentiment,
          complaint: analysis?.complaint,
        },
        matchText,
      );
      setTurnAnalysis(context, turn);
      try {
        await next();
      } finally {
        await recordTurnOutcome(feedback, context, conversationId, turn, turnLogger(context, logger));
      }
    },
  };
}

async function recordOutbound(
  feedback: FeedbackService,
  conversationId: string,
  activities: Partial<Activity>[],
  responses: ResourceResponse[] | undefined,
  log: Logger,
): Promise<void> {
  for (const [i, sent] of activities.entries()) {
    try {
      const channelData = (sent.channelData ?? {}) as { answerdesk?: { entryId?: unknown; author?: unknown } };
      const entryId = channelData.answerdesk?.entryId;
      await feedback.recordOutbound({
        conversationId,
        author: channelData.answerdesk?.author === 'agent' ? 'agent' : 'bot',
        activityType: sent.type ?? 'message',
        activityId: responses?.[i]?.id ?? sent.id ?? null,
        replyToId: sent.replyToId ?? null,
        text: sent.text ?? null,
        answeredEntryId: typeof entryId === 'string' ? entryId : null,
        at: timestampOf(sent),
      });
    } catch (error) {
      // The reply reached the customer; failing to store it must not turn into a failed turn.
      log.error({ err: error }, 'could not store an outbound feedback record');
    }
  }
}
