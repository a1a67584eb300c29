import type { ExportedRow } from './customer-export.ts';

/**
 * A row as the export shows it: snake_case columns in camelCase, and the columns that hold JSON
 * (`jsonColumns`) parsed, so the file reads as one JSON document rather than JSON in strings.
 * A JSON column that does not parse is exported as the text it holds.
 */
export function exportedRow(row: object, jsonColumns: readonly string[] = []): ExportedRow {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    const key = column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    out[key] = jsonColumns.includes(column) && typeof value === 'string' ? parseOrKeep(value) : value;
  }
  return out;
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
