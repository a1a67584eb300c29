import type { Command } from 'commander';

/** `answerdesk kb …`: knowledge-base tools for admins (validate, match, eval). */
export function registerKbCommand(program: Command): void {
  const kb = program.command('kb').description('Knowledge base tools: validate, match, eval');
  // Subcommands register here, one line each.
  void kb;
}
