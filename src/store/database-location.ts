/**
 * Where the database is (`DATABASE_URL` after `loadConfig`): an absolute SQLite file path,
 * `:memory:`, or a PostgreSQL URL (`postgres://` or `postgresql://`).
 */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** `location` safe for logs and error messages: a PostgreSQL URL's password is replaced by `***`. */
export function describeDatabaseLocation(location: string): string {
  return isPostgresUrl(location) ? location.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, '$1:***@') : location;
}
