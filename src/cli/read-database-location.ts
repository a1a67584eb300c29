import { existsSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../shared/app.error.ts';
import { isPostgresUrl } from '../store/database-location.ts';

/**
 * The database a read-only command (`report`, `audit`) opens: `--db` when given (a SQLite file,
 * a `file:` URL, or a `postgres://` URL), else `DATABASE_URL` as the server reads it
 * (`configured`). A SQLite file must exist: the command never creates one.
 *
 * @throws ValidationError naming the missing file.
 */
export function readDatabaseLocation(dbOption: string | undefined, configured: string, hint = ''): string {
  const raw = dbOption?.trim();
  const location =
    raw === undefined
      ? configured
      : isPostgresUrl(raw)
        ? raw
        : path.resolve(raw.replace(/^(?:file|sqlite):(?:\/\/)?/, ''));
  if (isPostgresUrl(location) || location === ':memory:' || existsSync(location)) return location;
  throw new ValidationError('No database', [`${location} does not exist${hint}`]);
}
