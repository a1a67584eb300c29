import express, { type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { AuditTrail } from '../../audit/audit-trail.ts';
import type { EntryStatsService } from '../../insights/entry-stats.service.ts';
import { AgentAuth } from '../agent-api/agent-auth.ts';
import { RequestAudit } from '../agent-api/request-audit.ts';
import { parseStatsPeriod } from './entries.input.ts';
import { entryJson } from './entries.json.ts';

export interface AdminEntriesServices {
  readonly agents: AgentService;
  readonly entryStats: EntryStatsService;
  /** Where reading the entries (with customers' recent questions) is recorded (`entries.read`); without it nothing is. */
  readonly audit?: AuditTrail;
}

/**
 * `GET /api/admin/entries?from=&to=` (admin role: 401 without a valid token, 403 for an agent):
 * every entry of the current knowledge with its title and answer (the inbox's entry picker) and
 * its traffic over `[from, to)` (the knowledge view), busiest first:
 * `{ from, to, entries: [{ id, title, answer, enabled, phrasings, questions, answered, answerRate,
 * votes, helpful, helpfulRate, recentQuestions: [{ messageId, conversationId, text, at, answered,
 * helpful }] }] }`. See `src/insights/entry-stats.ts` for what each number counts.
 */
export function adminEntriesRoutes(services: AdminEntriesServices): Router {
  const auth = new AgentAuth(services.agents);
  const audit = new RequestAudit(services.audit);
  const router = express.Router();
  router.get('/api/admin/entries', auth.authenticate, auth.requireRole('admin'), async (req, res) => {
    const period = parseStatsPeriod(req);
    const entries = await services.entryStats.list(period);
    await audit.read(req, auth.agentOf(req), 'entries.read');
    res.set('Cache-Control', 'no-store');
    res.json({ ...period, entries: entries.map(entryJson) });
  });
  return router;
}
