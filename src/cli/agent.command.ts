import { type Command, Option } from 'commander';
import type { AgentService } from '../agents/agent.service.ts';
import { AGENT_ROLES, type Agent, type AgentRole } from '../agents/agent.ts';
import { loadConfig } from '../config/config.ts';
import { createCrmServices } from '../crm/crm-services.ts';
import { openDatabase } from '../store/database.ts';
import { withoutRequests } from '../store/sqlite-synchronous.ts';

/** Runs `work` with the agent service on the configured database, and always closes it. */
async function withAgents<T>(work: (agents: AgentService, publicUrl: string) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config.databasePath, { synchronous: withoutRequests(config.databaseSynchronous) });
  try {
    const base = config.publicUrl !== '' ? config.publicUrl : `http://localhost:${config.port}`;
    return await work(createCrmServices(db).agents, base);
  } finally {
    await db.destroy();
  }
}

function table(agents: readonly Agent[]): string {
  const rows = [
    ['ID', 'NAME', 'EMAIL', 'ROLE', 'CREATED', 'REVOKED'],
    ...agents.map((a) => [String(a.id), a.name, a.email ?? '-', a.role, a.createdAt, a.revokedAt ?? '-']),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * `answerdesk agent create|list|revoke`: manages the people who use the agent API. The database
 * comes from DATABASE_URL; a token is printed once, at creation, and never stored.
 */
export function registerAgentCommand(program: Command): void {
  const agent = program.command('agent').description('Manage agents and their API tokens: create, list, revoke');

  agent
    .command('create')
    .description('Create an agent and print their API token (shown only this once)')
    .requiredOption('--name <name>', 'display name')
    .option('--email <email>', 'email address (optional; lets you revoke by email)')
    .addOption(new Option('--role <role>', 'role').choices(AGENT_ROLES).default('agent'))
    .action(async (options: { name: string; email?: string; role: AgentRole }) => {
      await withAgents(async (agents, base) => {
        const { agent: created, token } = await agents.create(options);
        process.stdout.write(
          [
            `Created agent ${created.id}: ${created.name}${created.email === null ? '' : ` <${created.email}>`} (${created.role})`,
            '',
            `Token (shown only once; store it now): ${token}`,
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
      await withAgents(async (agents) => {
        const result = await agents.revoke(idOrEmail);
        const who = `${result.agent.id} (${result.agent.name})`;
        process.stdout.write(
          result.kind === 'revoked'
            ? `Revoked agent ${who}: their token no longer works.\n`
            : `Agent ${who} was already revoked.\n`,
        );
      });
    });
}
