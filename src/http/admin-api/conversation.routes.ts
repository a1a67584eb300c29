import express, { type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { AuditTrail } from '../../audit/audit-trail.ts';
import type { FeedbackService } from '../../conversations/feedback.service.ts';
import type { FeedbackRecord } from '../../conversations/feedback-record.ts';
import { AgentAuth } from '../agent-api/agent-auth.ts';
import { RequestAudit } from '../agent-api/request-audit.ts';
import { HttpError } from '../http.error.ts';

export interface AdminConversationServices {
  readonly agents: AgentService;
  readonly feedback: Pick<FeedbackService, 'transcript'>;
  /** Where each admin's reading of a conversation is recorded (`conversation.read`); without it nothing is. */
  readonly audit?: AuditTrail;
}

/** One chat message as the admin pages show it: who said what, what it was, and what the bot made of it. */
export function conversationMessageJson(record: FeedbackRecord) {
  return {
    id: record.id,
    author: record.author,
    text: record.text,
    at: record.createdAt,
    kind: record.kind,
    match:
      record.match === null
        ? null
        : { kind: record.match.kind, entryId: record.match.entryId, confidence: record.match.confidence },
    answeredEntryId: record.answeredEntryId,
    helpful: record.helpful,
  };
}

/**
 * `GET /api/admin/conversations/:id` (admin role): the conversation's chat messages in order, so an
 * inbox example or a recent question links to where it was said. 404 for a conversation with none.
 */
export function adminConversationRoutes(services: AdminConversationServices): Router {
  const auth = new AgentAuth(services.agents);
  const audit = new RequestAudit(services.audit);
  const router = express.Router();
  router.get('/api/admin/conversations/:id', auth.authenticate, auth.requireRole('admin'), async (req, res) => {
    const id = String(req.params.id ?? '');
    const records = (await services.feedback.transcript(id)).filter((r) => r.activityType === 'message');
    if (records.length === 0)
      throw new HttpError(404, 'not_found', `No conversation "${id.slice(0, 80)}" with messages.`);
    await audit.read(req, auth.agentOf(req), 'conversation.read', { type: 'conversation', id });
    res.set('Cache-Control', 'no-store');
    res.json({ conversationId: id, messages: records.map(conversationMessageJson) });
  });
  return router;
}
