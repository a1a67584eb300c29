import type { RedactionDetector, RedactionSpan } from './redaction.ts';

/**
 * An address in free text: a local part, `@`, and a domain with at least one dot and a TLD of
 * letters. Bounded quantifiers keep it linear on hostile input.
 */
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}(?![\p{L}\p{N}-])/gu;

/** Email addresses, type `email`, replaced by `[email]`. */
export const emailDetector: RedactionDetector = {
  type: 'email',
  *find(text: string): Iterable<RedactionSpan> {
    if (!text.includes('@')) return;
    for (const match of text.matchAll(EMAIL)) {
      yield { start: match.index, end: match.index + match[0].length, replacement: '[email]' };
    }
  },
};
