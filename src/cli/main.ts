import { Command, CommanderError } from 'commander';
import { AppError } from '../shared/app.error.ts';
import { registerAgentCommand } from './agent.command.ts';
import { registerAnalyzeCommand } from './analyze.command.ts';
import { registerAuditCommand } from './audit.command.ts';
import { registerBackupCommand } from './backup.command.ts';
import { registerCustomerCommand } from './customer.command.ts';
import { registerInsightsCommand } from './insights.command.ts';
import { registerKbCommand } from './kb.command.ts';
import { registerNotificationsCommand } from './notifications.command.ts';
import { registerReportCommand } from './report.command.ts';
import { registerServeCommand } from './serve.command.ts';

/** Builds the `answerdesk` command tree. Each subcommand lives in its own `*.command.ts`. */
export function buildProgram(): Command {
  const program = new Command('answerdesk')
    .description('Self-hosted customer-support chatbot server')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServeCommand(program);
  registerKbCommand(program);
  registerAnalyzeCommand(program);
  registerAgentCommand(program);
  registerNotificationsCommand(program);
  registerInsightsCommand(program);
  registerAuditCommand(program);
  registerReportCommand(program);
  registerCustomerCommand(program);
  registerBackupCommand(program);
  return program;
}

/** Runs the CLI and returns the process exit code; errors are printed, never thrown. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof AppError) {
      process.stderr.write(`answerdesk: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`answerdesk: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 70;
  }
}
