import express, { type Request, type Router } from 'express';
import type { AgentService } from '../../agents/agent.service.ts';
import type { AuditTrail } from '../../audit/audit-trail.ts';
import { seriesCsv } from '../../reports/report-csv.ts';
import { parseReportPeriod } from '../../reports/report-period.parser.ts';
import type { ReportPeriod } from '../../reports/report-period.ts';
import type { ReportsService } from '../../reports/reports.service.ts';
import { AgentAuth } from '../agent-api/agent-auth.ts';
import { RequestAudit } from '../agent-api/request-audit.ts';
import { badRequest, queryParam } from '../query-input.ts';

export interface AdminReportsServices {
  readonly agents: AgentService;
  readonly reports: ReportsService;
  /** The time zone days and weeks are cut in (`config.reportTimeZone`). */
  readonly timeZone: string;
  /** Where reading a report (it quotes customers' CSAT comments) is recorded (`reports.read`); without it nothing is. */
  readonly audit?: AuditTrail;
}

/**
 * The support report (admin role: 401 without a valid token, 403 for an agent):
 * - `GET /api/admin/reports/summary?from&to&interval`: the `ReportSummary` as it is (the wire type
 *   `ReportSummaryJson` is that type), every metric as a total and a series by day or week of the
 *   report's time zone;
 * - `GET /api/admin/reports/series.csv?from&to&interval`: the series as a CSV download.
 *
 * `from` and `to` are dates (local midnight) or date-times with their zone; `interval` is `day`
 * (default) or `week`. A bad parameter is a 400 naming it.
 */
export function adminReportsRoutes(services: AdminReportsServices): Router {
  const auth = new AgentAuth(services.agents);
  const audit = new RequestAudit(services.audit);
  const router = express.Router();
  const admin = [auth.authenticate, auth.requireRole('admin')];

  router.get('/api/admin/reports/summary', ...admin, async (req, res) => {
    const summary = await services.reports.summary(periodOf(req, services.timeZone));
    await audit.read(req, auth.agentOf(req), 'reports.read');
    res.set('Cache-Control', 'no-store');
    res.json(summary);
  });

  router.get('/api/admin/reports/series.csv', ...admin, async (req, res) => {
    const period = periodOf(req, services.timeZone);
    const summary = await services.reports.summary(period);
    await audit.read(req, auth.agentOf(req), 'reports.read');
    const first = summary.series[0]?.date ?? 'empty';
    const last = summary.series[summary.series.length - 1]?.date ?? 'empty';
    res.set('Cache-Control', 'no-store');
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set(
      'Content-Disposition',
      `attachment; filename="answerdesk-report-${first}-to-${last}-${period.interval}.csv"`,
    );
    res.send(seriesCsv(summary.series));
  });
  return router;
}

function periodOf(req: Request, timeZone: string): ReportPeriod {
  const raw = {
    from: queryParam(req, 'from'),
    to: queryParam(req, 'to'),
    interval: queryParam(req, 'interval'),
  };
  const parsed = parseReportPeriod(raw, timeZone);
  if (parsed.kind === 'invalid') throw badRequest(parsed.message);
  return parsed.period;
}
