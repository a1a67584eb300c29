/**
 * Characters that continue a word, for phrase boundaries. Latin letters (with accents) and digits
 * only: `\p{L}` classes make V8 compile each cue pattern slowly (tens of ms per group) and the cue
 * phrases are English.
 */
const WORD_CHAR = 'a-z0-9\\u00c0-\\u024f';

/**
 * Finds admin-written cue phrases in a message, case-insensitively and on word boundaries.
 *
 * A phrase is one or more words; a `*` at the end of a word matches any ending ("refund*" matches
 * "refunds", "refunded"; "dispute* with my bank"); an apostrophe is optional ("won't" also matches
 * "wont"); any run of spaces matches any run of whitespace.
 *
 * @example
 * new PhraseMatcher(['caught fire', 'burn*']).test('The charger BURNED my hand'); // true
 */
export class PhraseMatcher {
  private readonly pattern: RegExp | null;

  constructor(phrases: readonly string[]) {
    const alternatives = phrases.map(toPattern).filter((p) => p !== '');
    this.pattern =
      alternatives.length === 0 ? null : new RegExp(`(?<![${WORD_CHAR}])(?:${alternatives.join('|')})`, 'u');
  }

  /** Whether any phrase occurs in `text`, ignoring case. */
  test(text: string): boolean {
    return this.pattern?.test(text.toLowerCase().replace(/’/g, "'")) === true;
  }
}

function toPattern(phrase: string): string {
  const words = phrase
    .trim()
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return '';
  const parts = words.map((word) => {
    const wildcard = word.endsWith('*');
    const body = (wildcard ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'?");
    return wildcard ? `${body}[${WORD_CHAR}']*` : body;
  });
  const open = words[words.length - 1]?.endsWith('*') ?? false;
  return `${parts.join('\\s+')}${open ? '' : `(?![${WORD_CHAR}])`}`;
}
