/** The built-in kinds of personal data the redactor knows; admins add their own by name. */
export const BUILT_IN_REDACTION_TYPES = ['card', 'email', 'phone'] as const;

export type BuiltInRedactionType = (typeof BUILT_IN_REDACTION_TYPES)[number];

/** How many spans of each type one text had masked, e.g. `{ card: 1, email: 2 }`; types with none are absent. */
export type RedactionCounts = Readonly<Record<string, number>>;

/** A text after redaction: what may be stored and logged, and what was masked in it (never the clear text). */
export interface Redaction {
  readonly text: string;
  readonly counts: RedactionCounts;
}

/** One span of a text to mask, and what stands in its place. */
export interface RedactionSpan {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** Finds the spans of one type in a text; spans are in order and do not overlap. */
export interface RedactionDetector {
  readonly type: string;
  find(text: string): Iterable<RedactionSpan>;
}

/** Anything that redacts text: the {@link Redactor}, or a holder of the current one. */
export interface TextRedactor {
  redact(text: string): Redaction;
}

/** A redactor that masks nothing (tests and tools that store no customer text). */
export const NO_REDACTION: TextRedactor = { redact: (text) => ({ text, counts: {} }) };

/** Counts as stored in a `redactions` column: JSON such as `{"card":1}`, or null when nothing was masked. */
export function redactionsColumn(counts: RedactionCounts): string | null {
  return Object.keys(counts).length === 0 ? null : JSON.stringify(counts);
}

/** The sum of two counts by type. */
export function addRedactionCounts(a: RedactionCounts, b: RedactionCounts): RedactionCounts {
  const sum: Record<string, number> = { ...a };
  for (const [type, n] of Object.entries(b)) sum[type] = (sum[type] ?? 0) + n;
  return sum;
}
