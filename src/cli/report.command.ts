import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { seriesCsv } from '../reports/report-csv.ts';
import { parseReportPeriod } from '../reports/report-period.parser.ts';
import { ReportsRepository } from '../reports/reports.repository.ts';
import { ReportsService } from '../reports/reports.service.ts';
import { ValidationError } from '../shared/app.error.ts';
import { openDatabase } from '../store/database.ts';
import { readDatabaseLocation } from './read-database-location.ts';
import { reportTable } from './report-table.ts';
import { loadServedKnowledge } from './served-knowledge.ts';

interface ReportOptions {
  readonly from?: string;
  readonly to?: string;
  readonly interval: string;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly db?: string;
  readonly kb?: string;
}

/**
 * `answerdesk report --from <date> --to <date> [--interval day|week] [--json|--csv] [--db FILE]`:
 * the numbers of `GET /api/admin/reports/summary` in the terminal (a table by default, the same
 * JSON with `--json`, the series CSV with `--csv`), days and weeks cut in `REPORT_TIMEZONE`. Opens
 * the database read-only, so it is safe next to a running server; groups the unanswered questions
 * with the matcher of the knowledge folder, as the server's Inbox does.
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Print the support report (bot resolution, handoffs, response times, CSAT, complaints) for a period')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, local midnight) or a date-time with its zone')
    .requiredOption('--to <date>', 'end of the period, exclusive (YYYY-MM-DD or a date-time with its zone)')
    .option('--interval <day|week>', 'one row per day or per week (Monday to Sunday)', 'day')
    .option('--json', 'print the JSON the admin API gives')
    .option('--csv', 'print the series as CSV')
    .option('--db <file>', 'SQLite database file or postgres:// URL (default: DATABASE_URL, as the server)')
    .option('--kb <dir>', 'knowledge folder the unanswered questions are grouped with (default: KNOWLEDGE_DIR)')
    .action(async (options: ReportOptions) => {
      if (options.json === true && options.csv === true) {
        throw new ValidationError('Invalid options', ['--json and --csv: give one of them, not both']);
      }
      const config = loadConfig(process.env);
      const parsed = parseReportPeriod(options, config.reportTimeZone);
      if (parsed.kind === 'invalid') throw new ValidationError('Invalid option', [`--${parsed.message}`]);
      const file = readDatabaseLocation(
        options.db,
        config.databasePath,
        ': start the server (answerdesk serve) so conversations are stored, or pass --db',
      );
      const served = await loadServedKnowledge(config, options.kb);
      // Loaded on use, as `answerdesk insights` does, so other subcommands start without natural.
      const [{ InsightsRepository }, { InsightsService }] = await Promise.all([
        import('../insights/insights.repository.ts'),
        import('../insights/insights.service.ts'),
      ]);
      const db = await openDatabase(file, { readOnly: true });
      try {
        const insights = new InsightsService({ repository: new InsightsRepository(db), knowledge: () => served });
        const summary = await new ReportsService(new ReportsRepository(db), insights).summary(parsed.period);
        if (options.json === true) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else if (options.csv === true) process.stdout.write(seriesCsv(summary.series));
        else process.stdout.write(reportTable(summary));
      } finally {
        await db.destroy();
      }
    });
}
