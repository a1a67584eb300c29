import type { ReportSeriesPoint } from './report-summary.ts';

/** The columns of the series CSV, in order (rates as fractions, durations in seconds). */
const SERIES_COLUMNS = [
  'start',
  'date',
  'conversations',
  'questions',
  'answer_rate',
  'bot_resolution_rate',
  'handoff_rate',
  'helpful_rate',
  'first_response_median_seconds',
  'first_response_p90_seconds',
  'resolution_median_seconds',
  'resolution_p90_seconds',
  'csat_score',
  'negative_share',
  'complaints',
] as const;

/**
 * The series as CSV (RFC 4180, CRLF line ends): a header row, then one row per day or week; an
 * empty cell where a rate or duration is null. A cell that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.
 */
export function seriesCsv(series: readonly ReportSeriesPoint[]): string {
  const rows = series.map((p) => [
    p.start,
    p.date,
    p.conversations,
    p.questions,
    p.answerRate,
    p.botResolutionRate,
    p.handoffRate,
    p.helpfulRate,
    p.firstResponseSeconds.median,
    p.firstResponseSeconds.p90,
    p.resolutionSeconds.median,
    p.resolutionSeconds.p90,
    p.csatScore,
    p.negativeShare,
    p.complaints,
  ]);
  return [[...SERIES_COLUMNS], ...rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** One CSV cell: formula-safe, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
