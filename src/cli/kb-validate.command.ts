import type { Command } from 'commander';
import { KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import { loadKnowledgeFolder } from '../training/knowledge-folder.loader.ts';

/**
 * `answerdesk kb validate [dir]`: checks the whole knowledge folder the way the server loads it
 * (FAQ, wording, out-of-scope examples, sentiment lexicon, complaint examples and cues).
 * Prints `OK: N entries in M files` to stdout (`OK: N entries and K out-of-scope examples in M
 * files` when `out-of-scope.yaml` has some, so an admin sees the file was read), or every
 * problem (one per line, then a count) to stderr and sets exit code 1.
 */
export function registerKbValidateCommand(kb: Command): void {
  kb.command('validate')
    .description('Check the knowledge files and list every problem with its file, line and field')
    .argument('[dir]', 'knowledge folder', './knowledge')
    .action(async (dir: string) => {
      try {
        const knowledgeBase = await loadKnowledgeFolder(dir);
        const entries = plural(knowledgeBase.entries.length, 'entry', 'entries');
        const examples = knowledgeBase.outOfScope.length;
        const outOfScope =
          examples === 0 ? '' : ` and ${plural(examples, 'out-of-scope example', 'out-of-scope examples')}`;
        const files = plural(knowledgeBase.files.length, 'file', 'files');
        process.stdout.write(`OK: ${entries}${outOfScope} in ${files}\n`);
      } catch (error) {
        if (!(error instanceof KnowledgeValidationError)) throw error;
        for (const problem of error.problems) process.stderr.write(`${problem}\n`);
        process.stderr.write(`${plural(error.problems.length, 'problem', 'problems')} found\n`);
        process.exitCode = 1;
      }
    });
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
