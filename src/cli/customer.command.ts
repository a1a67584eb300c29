import os from 'node:os';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { AuditActor } from '../audit/audit-trail.ts';
import { CustomerNotFoundError } from '../privacy/customer-not-found.error.ts';
import { CustomerPrivacyService } from '../privacy/customer-privacy.service.ts';
import { parseCustomerReference } from '../privacy/customer-reference.ts';
import { ValidationError } from '../shared/app.error.ts';
import { openDatabase } from '../store/database.ts';
import { databaseTarget } from './database-option.ts';

/** The answer `customer erase` waits for on stdin without `--yes`. */
const CONFIRMATION = 'erase';

/** Runs `work` with the privacy service on `--db` or the configured database, and always closes it. */
async function withPrivacy<T>(
  db: string | undefined,
  work: (privacy: CustomerPrivacyService) => Promise<T>,
): Promise<T> {
  const target = databaseTarget(db);
  if (target.kind === 'postgres')
    throw new ValidationError('Invalid option', [
      '--db: this command opens a SQLite file; with PostgreSQL use the admin API (/api/admin/customers/:id/export, /erase)',
    ]);
  const database = await openDatabase(target.file);
  try {
    return await work(
      new CustomerPrivacyService({ db: database, audit: new AuditService({ events: new AuditRepository(database) }) }),
    );
  } finally {
    await database.destroy();
  }
}

function cliActor(): AuditActor {
  return { kind: 'cli', user: os.userInfo().username };
}

/**
 * `answerdesk customer export|erase <email|id>`: a customer's data on request. `export` prints
 * everything stored about them as JSON (stdout); `erase` removes or anonymises it everywhere
 * after confirmation (`--yes` skips it), then rebuilds the database file so no copy is left.
 */
export function registerCustomerCommand(program: Command): void {
  const customer = program.command('customer').description("A customer's data on request: export it, erase it");

  customer
    .command('export')
    .description('Print everything stored about one customer as JSON')
    .argument('<email|id>', "the customer's email address or CRM id")
    .option('--db <file>', 'the SQLite database (default: DATABASE_URL)')
    .action(async (raw: string, options: { db?: string }) => {
      const reference = parseCustomerReference(raw, '<email|id>');
      const exported = await withPrivacy(options.db, (privacy) => privacy.export(reference, { actor: cliActor() }));
      process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
    });

  customer
    .command('erase')
    .description('Remove or anonymise everything stored about one customer (asks for confirmation)')
    .argument('<email|id>', "the customer's email address or CRM id")
    .option('--yes', 'do not ask for confirmation')
    .option('--db <file>', 'the SQLite database (default: DATABASE_URL)')
    .addHelpText(
      'after',
      '\nKept without identity for reports: message kinds, matches, sentiment and complaint numbers,\nticket status, priority, timings and ratings. The database file is rebuilt (VACUUM) afterwards,\nso writers wait for that long.',
    )
    .action(async (raw: string, options: { yes?: boolean; db?: string }) => {
      const reference = parseCustomerReference(raw, '<email|id>');
      await withPrivacy(options.db, async (privacy) => {
        const id = await privacy.find(reference);
        if (id === undefined) throw new CustomerNotFoundError(reference);
        if (options.yes !== true && !(await confirmed(id))) {
          process.stderr.write('Not erased.\n');
          process.exitCode = 1;
          return;
        }
        const report = await privacy.erase({ kind: 'id', id }, { actor: cliActor() });
        const c = report.counts;
        process.stdout.write(
          `Customer ${report.customerId} erased: ${c.identities} identities removed; ${c.conversations} conversations, ` +
            `${c.messages} messages, ${c.tickets} tickets, ${c.ticketEvents} ticket events and ${c.notifications} notifications ` +
            `anonymised; ${c.transcriptActivities} transcript activities and ${c.botStates} bot states deleted.\n` +
            (report.walTruncated
              ? ''
              : 'Warning: another process was reading the database, so its WAL file still holds old pages until the next checkpoint.\n'),
        );
      });
    });
}

async function confirmed(customerId: number): Promise<boolean> {
  const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(
      `Erase customer ${customerId} everywhere? This cannot be undone. Type "${CONFIRMATION}" to go on: `,
    );
    return answer.trim().toLowerCase() === CONFIRMATION;
  } catch {
    // stdin closed without an answer: not a confirmation.
    return false;
  } finally {
    prompt.close();
  }
}
