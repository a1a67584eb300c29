/*
 * The JSON of the reports under `/api/admin/reports` (issue 16), shared by the server, the admin
 * overview page and the `answerdesk report` command. One source: the domain types of
 * `src/reports/report-summary.ts`, which the server sends as they are (every field is documented
 * there); the page's scripts import these names.
 */
export type { Rate as RateJson, ReportSummary as ReportSummaryJson } from '../../../reports/report-summary.ts';
