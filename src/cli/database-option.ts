import path from 'node:path';
import { loadConfig } from '../config/config.ts';
import { ValidationError } from '../shared/app.error.ts';

/** What `--db` says, read like `DATABASE_URL`: a PostgreSQL URL, or a SQLite file. */
export type DatabaseTarget = { readonly kind: 'postgres' } | { readonly kind: 'sqlite'; readonly file: string };

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/**
 * The database a maintenance command works on: `--db FILE` when given (a path, or a `file:`
 * URL), else `DATABASE_URL` as the server reads it. A PostgreSQL URL is reported as such, never
 * opened here, so a SQLite-only command can refuse it by name.
 *
 * @throws ValidationError for `--db :memory:` (there is nothing to work on) or a bad configuration.
 */
export function databaseTarget(dbOption: string | undefined, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const raw = dbOption ?? env.DATABASE_URL;
  if (raw !== undefined && POSTGRES_URL.test(raw.trim())) return { kind: 'postgres' };
  if (dbOption === undefined) return { kind: 'sqlite', file: loadConfig(env).databasePath };
  const file = dbOption.trim().replace(/^(?:file|sqlite):(?:\/\/)?/, '');
  if (file === '' || file === ':memory:')
    throw new ValidationError('Invalid option', [
      '--db: the path of a SQLite database file, e.g. ./data/answerdesk.sqlite',
    ]);
  return { kind: 'sqlite', file: path.resolve(file) };
}
