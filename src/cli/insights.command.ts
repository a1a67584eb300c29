import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import type { Suggestion } from '../insights/suggestion.ts';
import { ValidationError } from '../shared/app.error.ts';
import { openDatabase } from '../store/database.ts';
import { isPostgresUrl } from '../store/database-location.ts';
import { loadServedKnowledge } from './served-knowledge.ts';

/** How many groups `answerdesk insights` prints unless told. */
const DEFAULT_LIMIT = 20;
/** Phrasings shown per group in the table. */
const TOP_PHRASINGS = 3;

interface InsightsOptions {
  readonly limit: string;
  readonly json?: boolean;
  readonly kb?: string;
}

/**
 * `answerdesk insights [--limit N] [--json] [--kb DIR]`: the unanswered-questions inbox, largest
 * group first: size, suggested action and entry, reasons, top phrasings. Reads the configured
 * database read-only (safe next to a running server) and judges misses with the matcher of the
 * knowledge folder (from the snapshot cache when unchanged), as the server's admin API does.
 */
export function registerInsightsCommand(program: Command): void {
  program
    .command('insights')
    .description('Show the top groups of questions the bot missed, with what to do about each')
    .option('--limit <n>', `how many groups (1-1000, default ${DEFAULT_LIMIT})`, String(DEFAULT_LIMIT))
    .option('--json', 'print { suggestions: [...] } as the admin API does')
    .option('--kb <dir>', 'knowledge folder (default: KNOWLEDGE_DIR, as the server)')
    .action(async (options: InsightsOptions) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new ValidationError('Invalid option', [
          `--limit: a whole number from 1 to 1000 (got "${options.limit}")`,
        ]);
      const config = loadConfig(process.env);
      const sqliteFile = config.databasePath !== ':memory:' && !isPostgresUrl(config.databasePath);
      if (sqliteFile && !existsSync(config.databasePath)) {
        throw new ValidationError('No database', [
          `${config.databasePath} does not exist: start the server (answerdesk serve) so customers' questions are stored`,
        ]);
      }
      const served = await loadServedKnowledge(config, options.kb);
      // Loaded on use, so other subcommands start without the matcher and natural.
      const [{ InsightsRepository }, { InsightsService }] = await Promise.all([
        import('../insights/insights.repository.ts'),
        import('../insights/insights.service.ts'),
      ]);
      const db = await openDatabase(config.databasePath, { readOnly: true });
      let suggestions: Suggestion[];
      try {
        suggestions = await new InsightsService({
          repository: new InsightsRepository(db),
          knowledge: () => served,
        }).suggestions();
      } finally {
        await db.destroy();
      }
      const shown = suggestions.slice(0, limit);
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ suggestions: shown }, null, 2)}\n`);
        return;
      }
      process.stdout.write(report(shown, suggestions));
    });
}

function report(shown: readonly Suggestion[], all: readonly Suggestion[]): string {
  if (all.length === 0) return 'No missed questions waiting: the inbox is empty.\n';
  const messages = all.reduce((sum, s) => sum + s.count, 0);
  const rows = [
    ['#', 'SIZE', 'ACTION', 'ENTRY', 'REASONS', 'TOP PHRASINGS', 'ID'],
    ...shown.map((s, i) => [
      String(i + 1),
      String(s.count),
      s.action,
      s.entryId ?? '-',
      s.reasons.join(','),
      s.phrasings
        .slice(0, TOP_PHRASINGS)
        .map((p) => `${JSON.stringify(oneLine(p.text))} x${p.count}`)
        .join('; '),
      s.id,
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const table = rows.map((r) =>
    r
      .map((cell, i) => (i === 1 || i === 0 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  const more = all.length > shown.length ? `; showing the ${shown.length} largest (--limit for more)` : '';
  return `${all.length} group${all.length === 1 ? '' : 's'} of missed questions (${messages} message${messages === 1 ? '' : 's'})${more}\n${table.join('\n')}\n`;
}

/** Customers' text may hold anything: one line, printable, short. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips.
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}
