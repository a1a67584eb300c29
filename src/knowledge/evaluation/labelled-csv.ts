import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../shared/app.error.ts';

/** One row of a `text,category` evaluation file. */
export interface LabelledText {
  readonly text: string;
  readonly category: string;
}

/**
 * Reads a CSV file with the header `text,category` (RFC 4180 quoting, so commas, quotes and
 * newlines inside quoted fields are fine). Every bad row is reported, with its line number.
 *
 * @throws ValidationError when the file cannot be parsed, lacks a column, or has empty cells.
 */
export async function readLabelledCsv(file: string): Promise<LabelledText[]> {
  let records: Record<string, string>[];
  try {
    records = parse(await readFile(file), { columns: true, skip_empty_lines: true, bom: true, info: false });
  } catch (error) {
    throw new ValidationError(`Cannot read ${file}`, [error instanceof Error ? error.message : String(error)], {
      cause: error,
    });
  }
  const first = records[0];
  if (first === undefined) throw new ValidationError(`Cannot use ${file}`, ['it has no data rows']);
  const missing = ['text', 'category'].filter((column) => !(column in first));
  if (missing.length > 0) {
    throw new ValidationError(`Cannot use ${file}`, [
      `the header must be "text,category"; missing: ${missing.join(', ')}`,
    ]);
  }
  const problems: string[] = [];
  const rows = records.map((record, i) => {
    const text = record.text ?? '';
    const category = (record.category ?? '').trim();
    if (text.trim() === '' || category === '')
      problems.push(`record ${i + 1}: empty ${text.trim() === '' ? 'text' : 'category'}`);
    return { text, category };
  });
  if (problems.length > 0) throw new ValidationError(`Cannot use ${file}`, problems);
  return rows;
}
