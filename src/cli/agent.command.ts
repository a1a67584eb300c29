import { type Command, Option } from 'commander';
import type { AgentService } from '../agents/agent.service.ts';
import { AGENT_ROLES, type Agent, type AgentRole } from '../agents/agent.ts';
import { DEFAULT_TOKEN_LIFETIME, parseTokenLifetime } from '../agents/token-lifetime.ts';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import { loadConfig } from '../config/config.ts';
import { createCrmServices } from '../crm/crm-services.ts';
import { ValidationError } from '../shared/app.error.ts';
import { openDatabase } from '../store/database.ts';
import { withoutRequests } from '../store/sqlite-synchronous.ts';
import { cliActor } from './cli-actor.ts';
import { textTable } from './text-table.ts';

/** Runs `work` with the agent service and the audit trail on the configured database, and always closes it. */
async function withAgents<T>(
  work: (agents: AgentService, publicUrl: string, audit: AuditTrail) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config.databasePath, { synchronous: withoutRequests(config.databaseSynchronous) });
  try {
    const base = config.publicUrl !== '' ? config.publicUrl : `http://localhost:${config.port}`;
    return await work(createCrmServices(db).agents, base, new AuditService({ events: new AuditRepository(db) }));
  } finally {
    await db.destroy();
  }
}

/** `--expires-in` in milliseconds (null = never). @throws ValidationError naming the option. */
function lifetimeMs(raw: string): number | null {
  const lifetime = parseTokenLifetime(raw);
  if (lifetime.kind === 'invalid') throw new ValidationError('Invalid option', [`--${lifetime.problem}`]);
  return lifetime.kind === 'never' ? null : lifetime.ms;
}

/** Records what the command did to `agent` in the audit trail, as the OS user who ran it. */
function recordCli(
  audit: AuditTrail,
  action: string,
  agent: Agent,
  detail?: Record<string, string | null>,
): Promise<void> {
  return audit.record({ actor: cliActor(), action, target: { type: 'agent', id: String(agent.id) }, detail });
}

function expiryLine(agent: Agent): string {
  return agent.expiresAt === null
    ? 'It never expires (rotate it with `answerdesk agent rotate`).'
    : `It expires at ${agent.expiresAt} (rotate it before then with \`answerdesk agent rotate ${agent.id}\`).`;
}

function table(agents: readonly Agent[]): string {
  const rows = [
    ['ID', 'NAME', 'EMAIL', 'ROLE', 'CREATED', 'REVOKED', 'EXPIRES'],
    ...agents.map((a) => [
      String(a.id),
      a.name,
      a.email ?? '-',
      a.role,
      a.createdAt,
      a.revokedAt ?? '-',
      a.expiresAt ?? 'never',
    ]),
  ];
  return textTable(rows);
}

/**
 * `answerdesk agent create|list|rotate|revoke`: manages the people who use the agent API. The
 * database comes from DATABASE_URL; a token is printed once, at creation or rotation, and never
 * stored. Creations, rotations and revocations are recorded in the audit trail (actor `cli`).
 */
export function registerAgentCommand(program: Command): void {
  const agent = program
    .command('agent')
    .description('Manage agents and their API tokens: create, list, rotate, revoke');

  agent
    .command('create')
    .description('Create an agent and print their API token (shown only this once)')
    .requiredOption('--name <name>', 'display name')
    .option('--email <email>', 'email address (optional; lets you revoke by email)')
    .addOption(new Option('--role <role>', 'role').choices(AGENT_ROLES).default('agent'))
    .option('--expires-in <duration>', 'token lifetime: 30m, 12h, 90d… or never', DEFAULT_TOKEN_LIFETIME)
    .action(async (options: { name: string; email?: string; role: AgentRole; expiresIn: string }) => {
      const expiresInMs = lifetimeMs(options.expiresIn);
      await withAgents(async (agents, base, audit) => {
        const { agent: created, token } = await agents.create({ ...options, expiresInMs });
        await recordCli(audit, 'agent.create', created, { role: created.role, expiresAt: created.expiresAt });
        process.stdout.write(
          [
            `Created agent ${created.id}: ${created.name}${created.email === null ? '' : ` <${created.email}>`} (${created.role})`,
            '',
            `Token (shown only once; store it now): ${token}`,
            expiryLine(created),
            '',
            'Try it:',
            `  curl -H "Authorization: Bearer ${token}" ${base}/api/agent/me`,
            '',
          ].join('\n'),
        );
      });
    });

  agent
    .command('list')
    .description('List agents (tokens are never shown)')
    .action(async () => {
      await withAgents(async (agents) => {
        const all = await agents.list();
        process.stdout.write(
          all.length === 0
            ? 'No agents yet: create one with `answerdesk agent create --name NAME`.\n'
            : `${table(all)}\n`,
        );
      });
    });

  agent
    .command('revoke')
    .description("Revoke an agent's token, by id or email")
    .argument('<id-or-email>', 'agent id or email')
    .action(async (idOrEmail: string) => {
      await withAgents(async (agents, _base, audit) => {
        const result = await agents.revoke(idOrEmail);
        if (result.kind === 'revoked') await recordCli(audit, 'agent.revoke', result.agent);
        const who = `${result.agent.id} (${result.agent.name})`;
        process.stdout.write(
          result.kind === 'revoked'
            ? `Revoked agent ${who}: their token no longer works.\n`
            : `Agent ${who} was already revoked.\n`,
        );
      });
    });

  registerRotate(agent);
}

/** `answerdesk agent rotate <id-or-email> [--expires-in]`: a new token, printed once; the old one stops at once. */
function registerRotate(agent: Command): void {
  agent
    .command('rotate')
    .description('Give an agent a new token, by id or email: the old one stops working at once')
    .argument('<id-or-email>', 'agent id or email')
    .option('--expires-in <duration>', 'new token lifetime: 30m, 12h, 90d… or never', DEFAULT_TOKEN_LIFETIME)
    .action(async (idOrEmail: string, options: { expiresIn: string }) => {
      const expiresInMs = lifetimeMs(options.expiresIn);
      await withAgents(async (agents, base, audit) => {
        const { agent: rotated, token } = await agents.rotate(idOrEmail, expiresInMs);
        await recordCli(audit, 'agent.rotate', rotated, { expiresAt: rotated.expiresAt });
        process.stdout.write(
          [
            `Rotated the token of agent ${rotated.id} (${rotated.name}): the old token no longer works.`,
            '',
            `New token (shown only once; store it now): ${token}`,
            expiryLine(rotated),
            '',
            'Try it:',
            `  curl -H "Authorization: Bearer ${token}" ${base}/api/agent/me`,
            '',
          ].join('\n'),
        );
      });
    });
}
