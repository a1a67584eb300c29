import express, { type ErrorRequestHandler, type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { AuditTrail } from '../../audit/audit-trail.ts';
import type { InsightsPort } from '../../insights/suggestion.ts';
import type { KnowledgeChangeRepository } from '../../knowledge/changes/knowledge-change.repository.ts';
import { KnowledgeWriteRefusedError } from '../../knowledge/files/knowledge-writer-refused.error.ts';
import { KnowledgeFileStaleError } from '../../knowledge/files/knowledge-writer-stale.error.ts';
import { KnowledgeEntryNotFoundError } from '../../knowledge/files/knowledge-writer-unknown-entry.error.ts';
import { AgentAuth } from '../agent-api/agent-auth.ts';
import { RequestAudit } from '../agent-api/request-audit.ts';
import { HttpError } from '../http.error.ts';
import { parseAccept, parseDismiss, parseLimit } from './admin-api.input.ts';
import type { SuggestionDecisions } from './suggestion-decisions.ts';

/** What the admin API needs. */
export interface AdminApiServices {
  readonly agents: AgentService;
  readonly insights: InsightsPort;
  readonly decisions: SuggestionDecisions;
  readonly changes: KnowledgeChangeRepository;
  /** Where accepts and dismisses are recorded (`knowledge.accept`, `knowledge.dismiss`); without it nothing is. */
  readonly audit?: AuditTrail;
}

/** Write-back errors to statuses: a refused write 400 with every problem, unknown entry 404, a file changed behind the server's back 409. */
const adminApiErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (err instanceof KnowledgeWriteRefusedError) {
    res.status(400).json({ error: { code: 'knowledge_invalid', message: err.message, problems: err.problems } });
  } else if (err instanceof KnowledgeEntryNotFoundError) {
    res.status(404).json({ error: { code: err.code, message: err.userMessage, entryId: err.entryId } });
  } else if (err instanceof KnowledgeFileStaleError) {
    res.status(409).json({ error: { code: err.code, message: err.userMessage, file: err.file } });
  } else if (err instanceof HttpError) {
    res.status(err.status).json({ error: { code: err.code, message: err.message } });
  } else {
    next(err);
  }
};

/**
 * The admin API under `/api/admin`: an agent bearer token with the admin role (no token 401,
 * an agent 403).
 *
 * - `GET /suggestions`: `{ suggestions: [...] }`, the inbox's groups, largest first
 * - `POST /suggestions/:id/accept` `{ entryId }` | `{ newEntry: { id, title, answer } }` |
 *   `{ outOfScope: true }`, optional `phrasings: [texts]`: writes the knowledge file, answers with
 *   `file` and `line` once the served knowledge has reloaded
 * - `POST /suggestions/:id/dismiss` optional `{ phrasings }`
 * - `GET /knowledge-changes?limit=`: who changed the knowledge files, newest first
 */
export function adminApiRoutes(services: AdminApiServices): Router {
  const auth = new AgentAuth(services.agents);
  const audit = new RequestAudit(services.audit);
  const api = express.Router();
  api.use(auth.authenticate, auth.requireRole('admin'));

  api.get('/suggestions', async (_req, res) => {
    res.json({ suggestions: await services.insights.suggestions() });
  });

  api.post('/suggestions/:id/accept', async (req, res) => {
    const request = parseAccept(req);
    const outcome = await services.decisions.accept(req.params.id ?? '', request, auth.agentOf(req).id);
    await audit.change(
      req,
      auth.agentOf(req),
      'knowledge.accept',
      { type: 'suggestion', id: outcome.suggestionId },
      {
        target: request.target.kind,
        entryId: outcome.entryId,
        file: outcome.file,
        line: outcome.line,
        added: outcome.added.length,
      },
    );
    res.json(outcome);
  });

  api.post('/suggestions/:id/dismiss', async (req, res) => {
    const only = parseDismiss(req);
    const phrasings = await services.decisions.dismiss(req.params.id ?? '', only, auth.agentOf(req).id);
    await audit.change(
      req,
      auth.agentOf(req),
      'knowledge.dismiss',
      { type: 'suggestion', id: req.params.id ?? '' },
      {
        dismissed: phrasings.length,
      },
    );
    res.json({ suggestionId: req.params.id, dismissed: phrasings });
  });

  api.get('/knowledge-changes', async (req, res) => {
    res.json({ changes: await services.changes.recent(parseLimit(req, 50, 500)) });
  });

  api.use(adminApiErrors);
  const router = express.Router();
  router.use('/api/admin', api);
  return router;
}
