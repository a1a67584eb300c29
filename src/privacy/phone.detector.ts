import { digitCount } from './digit-count.ts';
import type { RedactionDetector, RedactionSpan } from './redaction.ts';

/**
 * Phone numbers in the shapes people type them, and nothing that is only a run of digits (order
 * numbers, amounts, dates and ticket references must survive):
 * - international: `+` and 8 to 15 digits, spaces, dots, dashes or brackets between them
 *   (`+44 20 7946 0958`, `+1 (555) 010-2030`);
 * - North American with separators: `(555) 010-2030`, `555-010-2030`, `555.010.2030`;
 * - national with a trunk `0` and 10 or 11 digits: `020 7946 0958`, `07700 900123`, `07700900123`.
 */
const PHONE = new RegExp(
  [
    String.raw`\+\d(?:[ .\-]?\(?\d\)?){7,14}`,
    String.raw`(?:\(\d{3}\) ?|\d{3}[ .\-])\d{3}[ .\-]\d{4}`,
    String.raw`0\d{2,4}(?:[ \-]?\d{2,4}){1,3}`,
  ]
    .map((shape) => String.raw`(?<![\p{L}\p{N}_+\-/.,])(?:${shape})(?![\p{L}\p{N}_]|[\-/.,]\p{N})`)
    .join('|'),
  'gu',
);

/** Phone numbers, type `phone`, replaced by `[phone]`. */
export const phoneDetector: RedactionDetector = {
  type: 'phone',
  *find(text: string): Iterable<RedactionSpan> {
    if (digitCount(text) < 8) return;
    for (const match of text.matchAll(PHONE)) {
      const found = match[0];
      const digits = digitCount(found);
      const allowed = found.startsWith('+') ? digits >= 8 && digits <= 15 : digits >= 10 && digits <= 11;
      if (!allowed) continue;
      yield { start: match.index, end: match.index + found.length, replacement: '[phone]' };
    }
  },
};
