import type { TurnContext } from 'botbuilder';
import type { HandoffReason, SupportServices } from '../../dialogs/support-services.ts';
import { getTurnAnalysis } from '../../dialogs/turn-analysis.ts';
import type { FeedbackService } from '../conversations/feedback.service.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';

/**
 * The services the dialogs use, over the real feedback store and the served knowledge base.
 * Until live agents exist, a request for a person is recorded and answered honestly.
 */
export function createSupportServices(knowledge: () => KnowledgeBase, feedback: FeedbackService): SupportServices {
  return {
    knowledge,
    recordVote: (messageId, helpful) => feedback.recordVote(messageId, helpful),
    recordAnswer: (messageId, entryId) => feedback.recordAnswer(messageId, entryId),
    async requestHuman(context: TurnContext, reason: HandoffReason) {
      const conversationId = context.activity.conversation?.id;
      if (conversationId !== undefined) {
        await feedback.recordHandoffRequest(conversationId, getTurnAnalysis(context)?.messageId ?? null, reason);
      }
      await context.sendActivity(knowledge().responses.humanUnavailable);
    },
  };
}
