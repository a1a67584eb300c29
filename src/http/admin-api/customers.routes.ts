import express, { type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { CustomerHealthService } from '../../health/customer-health.service.ts';
import { AgentAuth } from '../agent-api/agent-auth.ts';
import { HttpError } from '../http.error.ts';
import { csvText } from './csv.ts';
import { parseCustomerId, parseCustomersQuery, parseHealthBand } from './customers.input.ts';
import { customersJson } from './customers.json.ts';

export interface AdminCustomersServices {
  readonly agents: AgentService;
  readonly health: Pick<CustomerHealthService, 'atRisk' | 'profile'>;
}

/** The most customers one CSV export holds: the whole at-risk list of any real shop. */
const MAX_CSV_ROWS = 100_000;

/**
 * Customer health for admins (admin role: 401 without a valid token, 403 for an agent; 400
 * naming the parameter for a bad one):
 * - `GET /api/admin/customers?health=red|yellow|green&limit=&offset=`: the customers seen in the
 *   scorecard's window or with an open ticket, worst first, `{ customers: [{ id, name, email, score,
 *   band, reasons (top 3), openTickets, lastContactAt }], total, limit, offset }`
 * - `GET /api/admin/customers.csv?health=`: the same list, whole, as CSV (formula-safe cells)
 * - `GET /api/admin/customers/:id`: the profile (customer, score, band, every reason, every
 *   conversation with its counts and `messagesUrl`, every ticket, the ratings); 404 for no such customer
 */
export function adminCustomersRoutes(services: AdminCustomersServices): Router {
  const auth = new AgentAuth(services.agents);
  const router = express.Router();
  const admin = [auth.authenticate, auth.requireRole('admin')];

  router.get('/api/admin/customers', ...admin, async (req, res) => {
    const query = parseCustomersQuery(req);
    const { customers, total } = await services.health.atRisk(query);
    res.set('Cache-Control', 'no-store');
    res.json({ customers: customers.map(customersJson.listItem), total, limit: query.limit, offset: query.offset });
  });

  router.get('/api/admin/customers.csv', ...admin, async (req, res) => {
    const band = parseHealthBand(req);
    const { customers } = await services.health.atRisk({ band, limit: MAX_CSV_ROWS, offset: 0 });
    res.set('Cache-Control', 'no-store');
    res.set('Content-Disposition', `attachment; filename="customers-${band ?? 'all'}.csv"`);
    res.type('text/csv; charset=utf-8').send(csvText(customersJson.csvRows(customers)));
  });

  router.get('/api/admin/customers/:id', ...admin, async (req, res) => {
    const id = parseCustomerId(String(req.params.id ?? ''));
    const profile = await services.health.profile(id);
    if (profile === undefined) throw new HttpError(404, 'not_found', `No customer with id ${id}.`);
    res.set('Cache-Control', 'no-store');
    res.json(customersJson.profile(profile));
  });
  return router;
}
