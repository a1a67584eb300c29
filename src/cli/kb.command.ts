import type { Command } from 'commander';
import { registerKbEvalCommand } from './kb-eval.command.ts';
import { registerKbMatchCommand } from './kb-match.command.ts';
import { registerKbValidateCommand } from './kb-validate.command.ts';

/** `answerdesk kb …`: knowledge-base tools for admins (validate, match, eval). */
export function registerKbCommand(program: Command): void {
  const kb = program.command('kb').description('Knowledge base tools: validate, match, eval');
  // Subcommands register here, one line each.
  registerKbValidateCommand(kb);
  registerKbMatchCommand(kb);
  registerKbEvalCommand(kb);
  void kb;
}
