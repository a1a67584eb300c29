import express, { type Request, type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import { CustomerNotFoundError } from '../../privacy/customer-not-found.error.ts';
import type { CustomerPrivacyService, PrivacyRequester } from '../../privacy/customer-privacy.service.ts';
import { parseCustomerReference } from '../../privacy/customer-reference.ts';
import { AgentAuth } from '../agent-api/agent-auth.ts';
import { HttpError } from '../http.error.ts';

export interface CustomerPrivacyRouteServices {
  readonly agents: AgentService;
  readonly privacy: CustomerPrivacyService;
}

/**
 * A customer's data on request (admin role; no token 401, an agent 403):
 *
 * - `GET /api/admin/customers/:id/export`: everything stored about the customer as one JSON
 *   document (`CustomerExport`), sent as an attachment and never cached
 * - `POST /api/admin/customers/:id/erase`: removes or anonymises it everywhere; answers with the
 *   row counts (`ErasureReport`)
 *
 * `:id` is the customer's id or their email address (URL-encoded); 400 for neither, 404 for no
 * such customer. Both are recorded in the audit trail with the admin and the client address.
 */
export function customerPrivacyRoutes(services: CustomerPrivacyRouteServices): Router {
  const auth = new AgentAuth(services.agents);
  const router = express.Router();
  const requester = (req: Request): PrivacyRequester => {
    const admin = auth.agentOf(req);
    return { actor: { kind: 'admin', agentId: admin.id, name: admin.name }, address: req.ip ?? null };
  };
  const reference = (req: Request) => parseCustomerReference(String(req.params.id ?? ''), 'path :id');

  router.get('/api/admin/customers/:id/export', auth.authenticate, auth.requireRole('admin'), async (req, res) => {
    const exported = await notFoundAs404(services.privacy.export(reference(req), requester(req)));
    res.set('Cache-Control', 'no-store');
    res.attachment(`customer-${String(exported.customer.id)}.json`);
    res.json(exported);
  });

  router.post('/api/admin/customers/:id/erase', auth.authenticate, auth.requireRole('admin'), async (req, res) => {
    const report = await notFoundAs404(services.privacy.erase(reference(req), requester(req)));
    res.set('Cache-Control', 'no-store');
    res.json(report);
  });
  return router;
}

async function notFoundAs404<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CustomerNotFoundError) throw new HttpError(404, error.code, error.userMessage);
    throw error;
  }
}
