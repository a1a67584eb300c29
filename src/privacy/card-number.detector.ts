import { digitCount } from './digit-count.ts';
import type { RedactionDetector, RedactionSpan } from './redaction.ts';

/**
 * 12 to 19 digits, optionally separated by single spaces or dashes, not glued to other digits,
 * letters, a `+` (a phone number) or a dash-led reference. The digit count and the Luhn check are
 * tested after matching.
 */
const CANDIDATE = /(?<![\p{L}\p{N}+\-_/.,])\d(?:[ -]?\d){11,18}(?![\p{L}\p{N}_]|[-/.,]\d)/gu;
const ASCII_DIGITS = /^[\d -]+$/;

/** Whether a string of digits passes the Luhn checksum (every card number does). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Masks a card number Zendesk's way: the first 6 and the last 4 digits stay, every digit between
 * becomes `*`, separators stay where they were (`4111 1111 1111 1111` → `4111 11** **** 1111`),
 * so the masked number still reads as a card and says which one it was.
 */
export function maskCardNumber(candidate: string): string {
  const total = candidate.replace(/[ -]/g, '').length;
  let seen = 0;
  let out = '';
  for (const ch of candidate) {
    if (ch === ' ' || ch === '-') {
      out += ch;
      continue;
    }
    seen += 1;
    out += seen <= 6 || seen > total - 4 ? ch : '*';
  }
  return out;
}

/** Card numbers (Luhn-checked, 12-19 digits), type `card`. */
export const cardNumberDetector: RedactionDetector = {
  type: 'card',
  *find(text: string): Iterable<RedactionSpan> {
    if (digitCount(text) < 12) return;
    for (const match of text.matchAll(CANDIDATE)) {
      // Other scripts' digits are not card numbers a payment form would take.
      if (!ASCII_DIGITS.test(match[0])) continue;
      const card = cardIn(match[0]);
      if (card === undefined) continue;
      const start = match.index + card.start;
      yield { start, end: start + card.text.length, replacement: maskCardNumber(card.text) };
    }
  },
};

/**
 * The card number in a run of digit groups: the whole run, else the run without its leading or
 * trailing groups ("qty 2 4111 1111 1111 1111", "4111 1111 1111 1111 2 times"), whichever is
 * longest and passes. Inner sub-runs are not tried: each try is a 1-in-10 chance of a false positive.
 */
function cardIn(run: string): { start: number; text: string } | undefined {
  const groups = [...run.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length }));
  const last = groups.length - 1;
  const spans: Array<[number, number]> = [[0, last]];
  for (let k = 1; k < groups.length; k += 1) spans.push([0, last - k], [k, last]);
  for (const [from, to] of spans) {
    const a = groups[from];
    const b = groups[to];
    if (a === undefined || b === undefined || to < from) continue;
    const text = run.slice(a.start, b.end);
    const digits = text.replace(/[ -]/g, '');
    if (digits.length >= 12 && digits.length <= 19 && luhnValid(digits)) return { start: a.start, text };
  }
  return undefined;
}
