/** True for SQLite's and PostgreSQL's unique-constraint errors: another writer got there first. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return code === '23505' || /UNIQUE constraint failed/.test(error.message);
}
