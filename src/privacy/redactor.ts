import { cardNumberDetector } from './card-number.detector.ts';
import { emailDetector } from './email.detector.ts';
import { phoneDetector } from './phone.detector.ts';
import type { BuiltInRedactionType, Redaction, RedactionDetector, RedactionSpan, TextRedactor } from './redaction.ts';
import type { RedactionPattern } from './redaction-pattern.ts';

const BUILT_IN_DETECTORS: Readonly<Record<BuiltInRedactionType, RedactionDetector>> = {
  card: cardNumberDetector,
  email: emailDetector,
  phone: phoneDetector,
};

/** A detector for an admin's pattern from `knowledge/redaction.yaml`. */
function patternDetector(pattern: RedactionPattern): RedactionDetector {
  const regex = new RegExp(
    pattern.regex.source,
    pattern.regex.flags.includes('g') ? pattern.regex.flags : `${pattern.regex.flags}g`,
  );
  return {
    type: pattern.name,
    *find(text: string): Iterable<RedactionSpan> {
      for (const match of text.matchAll(regex)) {
        // The loader refuses patterns that match nothing, but a zero-width match is still possible mid-text.
        if (match[0].length === 0) continue;
        yield { start: match.index, end: match.index + match[0].length, replacement: pattern.replacement };
      }
    },
  };
}

/**
 * Masks personal data in text before it is stored or logged: card numbers (Luhn-checked, first 6
 * and last 4 kept), then the admins' patterns, then email addresses and phone numbers, as enabled.
 * Where two types claim overlapping text, the earlier in that order wins, so a card number is
 * never half-masked as a phone number. Counts say what was masked, by type, never what it was.
 *
 * @example
 * new Redactor(['card']).redact('my card is 4111 1111 1111 1111').text; // 'my card is 4111 11** **** 1111'
 */
export class Redactor implements TextRedactor {
  readonly #detectors: readonly RedactionDetector[];

  constructor(types: readonly BuiltInRedactionType[], patterns: readonly RedactionPattern[] = []) {
    const enabled = (type: BuiltInRedactionType): RedactionDetector[] =>
      types.includes(type) ? [BUILT_IN_DETECTORS[type]] : [];
    this.#detectors = [...enabled('card'), ...patterns.map(patternDetector), ...enabled('email'), ...enabled('phone')];
  }

  redact(text: string): Redaction {
    if (text === '' || this.#detectors.length === 0) return { text, counts: {} };
    const taken: Array<RedactionSpan & { readonly type: string }> = [];
    for (const detector of this.#detectors) {
      for (const span of detector.find(text)) {
        if (!taken.some((t) => span.start < t.end && t.start < span.end)) taken.push({ ...span, type: detector.type });
      }
    }
    if (taken.length === 0) return { text, counts: {} };
    taken.sort((a, b) => a.start - b.start);
    const counts: Record<string, number> = {};
    let out = '';
    let at = 0;
    for (const span of taken) {
      out += text.slice(at, span.start) + span.replacement;
      at = span.end;
      counts[span.type] = (counts[span.type] ?? 0) + 1;
    }
    return { text: out + text.slice(at), counts };
  }
}
