/**
 * Rows of cells as a terminal table: each column as wide as its widest cell (the first row's
 * columns count), two spaces between columns, no trailing spaces. Cells are printed as given: a
 * caller strips control characters from untrusted text first.
 *
 * @example textTable([['id', 'name'], ['7', 'Ada']]) // 'id  name\n7   Ada'
 */
export function textTable(rows: readonly (readonly string[])[]): string {
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
