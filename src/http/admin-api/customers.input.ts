import type { Request } from 'express';
import { HEALTH_BANDS, type HealthBand } from '../../health/health-score.ts';
import { badRequest as bad, integerParam, queryParam } from '../query-input.ts';

/** The at-risk list's page size when none is given, and the most one page may hold. */
const DEFAULT_CUSTOMERS_PAGE = 50;
const MAX_CUSTOMERS_PAGE = 500;

/** `health`: one band, or undefined for every customer. @throws HttpError 400 naming `health`. */
export function parseHealthBand(req: Request): HealthBand | undefined {
  const raw = queryParam(req, 'health');
  if (raw === undefined) return undefined;
  const band = raw.toLowerCase();
  if (!(HEALTH_BANDS as readonly string[]).includes(band))
    throw bad(`health: "${raw.slice(0, 40)}" is not one of ${HEALTH_BANDS.join(', ')}`);
  return band as HealthBand;
}

/** `health`, `limit` (1..500, default 50) and `offset` of `GET /api/admin/customers`. */
export function parseCustomersQuery(req: Request): { band: HealthBand | undefined; limit: number; offset: number } {
  return {
    band: parseHealthBand(req),
    limit: integerParam(req, 'limit', DEFAULT_CUSTOMERS_PAGE, 1, MAX_CUSTOMERS_PAGE),
    offset: integerParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** `:id` of `/api/admin/customers/:id`: a positive whole number. @throws HttpError 400 naming `id`. */
export function parseCustomerId(raw: string): number {
  const value = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || value < 1)
    throw bad(`id: must be a customer id, a whole number from 1 (got "${raw.slice(0, 40)}")`);
  return value;
}
