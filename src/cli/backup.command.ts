import path from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../shared/app.error.ts';
import { backupSqlite } from '../store/sqlite-backup.ts';
import { databaseTarget } from './database-option.ts';

/**
 * `answerdesk backup <file> [--db FILE]`: a consistent copy of the live SQLite database, taken
 * with SQLite's online backup API while servers keep running, with progress on stderr. SQLite
 * only: on PostgreSQL it refuses and points at `pg_dump`.
 */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('Copy the live SQLite database into a new file (online backup; the server keeps running)')
    .argument('<file>', 'the backup file to create (must not exist)')
    .option('--db <file>', 'the SQLite database to copy (default: DATABASE_URL)')
    .addHelpText(
      'after',
      '\nRestore: stop the server, copy the backup over the database file (and delete any -wal and -shm\nfiles next to it), start the server. PostgreSQL: use pg_dump / pg_restore instead.',
    )
    .action(async (file: string, options: { db?: string }) => {
      const target = databaseTarget(options.db);
      if (target.kind === 'postgres')
        throw new ValidationError('answerdesk backup copies a SQLite database', [
          'the database is PostgreSQL: back it up with pg_dump (e.g. pg_dump --format=custom --file=answerdesk.dump "$DATABASE_URL") and restore with pg_restore',
        ]);
      const destination = path.resolve(file);
      if (destination === target.file)
        throw new ValidationError('Invalid arguments', ['<file>: the backup must not be the database itself']);
      let shown = -1;
      const result = await backupSqlite(target.file, destination, ({ copied, total }) => {
        const percent = total === 0 ? 100 : Math.floor((copied / total) * 100);
        if (percent === shown) return;
        shown = percent;
        process.stderr.write(`backup: ${copied}/${total} pages (${percent}%)\n`);
      });
      process.stdout.write(
        `Backup of ${target.file} written to ${result.file}: ${result.pages} pages, ${result.bytes} bytes in ${result.ms} ms.\n`,
      );
    });
}
