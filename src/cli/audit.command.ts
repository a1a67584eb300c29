import type { Command } from 'commander';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT, parseAuditQuery } from '../audit/audit-query.parser.ts';
import type { StoredAuditEvent } from '../audit/stored-audit-event.ts';
import { loadConfig } from '../config/config.ts';
import { createCrmServices } from '../crm/crm-services.ts';
import { auditEventJson } from '../http/admin-api/audit.routes.ts';
import { ValidationError } from '../shared/app.error.ts';
import { normalizeEmail } from '../shared/email-address.ts';
import { type Db, openDatabase } from '../store/database.ts';
import { readDatabaseLocation } from './read-database-location.ts';
import { textTable } from './text-table.ts';

interface AuditOptions {
  readonly since?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly limit: string;
  readonly json?: boolean;
  readonly db?: string;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--since`: a duration back from now (`30m`, `24h`, `7d`) or an instant as the API takes it. */
function sinceInstant(raw: string | undefined, now: Date): string | undefined {
  const match = raw === undefined ? null : /^\s*(\d{1,6})([mhd])\s*$/i.exec(raw);
  if (match === null) return raw;
  const unit = (match[2] ?? 'd').toLowerCase() as keyof typeof UNIT_MS;
  return new Date(now.getTime() - Number(match[1]) * UNIT_MS[unit]).toISOString();
}

/** `--actor` as the API takes it: an email is looked up (its active agent, else the latest with it). */
async function actorParameter(db: Db, raw: string | undefined): Promise<string | undefined> {
  if (raw === undefined || !raw.includes('@')) return raw;
  const email = normalizeEmail(raw) ?? raw.trim().toLowerCase();
  const matches = (await createCrmServices(db).agents.list()).filter((a) => a.email === email);
  const agent = matches.find((a) => a.revokedAt === null) ?? matches.at(-1);
  if (agent === undefined) throw new ValidationError('Invalid option', [`--actor: no agent has the email ${email}`]);
  return String(agent.id);
}

/** Names and details may hold anything typed into a CLI: one printable line. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function table(events: readonly StoredAuditEvent[]): string {
  const rows = [
    ['AT', 'ACTOR', 'ACTION', 'TARGET', 'ADDRESS', 'DETAIL'],
    ...events.map((e) => {
      const actor = auditEventJson(e).actor;
      return [
        e.at,
        oneLine(`${actor.kind}${actor.agentId === null ? '' : ` ${actor.agentId}`} ${actor.name}`),
        e.action,
        e.target === null ? '-' : oneLine(`${e.target.type} ${e.target.id}`),
        e.address ?? '-',
        Object.keys(e.detail).length === 0 ? '' : oneLine(JSON.stringify(e.detail)),
      ];
    }),
  ];
  return textTable(rows);
}

/**
 * `answerdesk audit [--since 7d] [--actor ID|EMAIL|KIND] [--action ticket.*] [--limit N] [--json]
 * [--db FILE]`: the audit trail, newest first, as `GET /api/admin/audit` gives it. Opens the
 * database read-only (safe next to a running server), so it can neither change the trail nor
 * record that it was read.
 */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('Show the audit trail: who did what, when, from where, on what (newest first)')
    .option('--since <when>', 'from a duration ago (30m, 24h, 7d) or an ISO date or date-time')
    .option('--actor <who>', 'an agent id or email, or a kind: agent, admin, cli, system')
    .option('--action <action>', 'an action (ticket.read) or a prefix (ticket.*)')
    .option('--limit <n>', `how many events (1-${MAX_AUDIT_LIMIT})`, String(DEFAULT_AUDIT_LIMIT))
    .option('--json', 'print { events, nextCursor } as the admin API does')
    .option('--db <file>', 'SQLite file or postgres:// URL to read (default: DATABASE_URL, as the server)')
    .action(async (options: AuditOptions) => {
      const databasePath = readDatabaseLocation(options.db, loadConfig(process.env).databasePath);
      const db = await openDatabase(databasePath, { readOnly: true });
      try {
        const parsed = parseAuditQuery({
          from: sinceInstant(options.since, new Date()),
          actor: await actorParameter(db, options.actor),
          action: options.action,
          limit: options.limit,
        });
        if (parsed.kind === 'invalid') {
          const option = parsed.parameter === 'from' ? 'since' : parsed.parameter;
          throw new ValidationError('Invalid option', [`--${option}: ${parsed.problem}`]);
        }
        const page = await new AuditService({ events: new AuditRepository(db) }).list(parsed.query);
        if (options.json === true) {
          const json = { events: page.events.map(auditEventJson), nextCursor: page.nextCursor };
          process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        } else {
          process.stdout.write(page.events.length === 0 ? 'No audit events match.\n' : `${table(page.events)}\n`);
        }
      } finally {
        await db.destroy();
      }
    });
}
