/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a `'` in front so it is shown, never run as a formula; a cell
 * holding a comma, quote or line break is quoted with its quotes doubled. Numbers are written as
 * they are (a negative number is data, not a formula); null is an empty cell.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text of `rows` (the first is the header), CRLF line ends as RFC 4180 asks. */
export function csvText(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
