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
 * "wont"); any run of spaces matches any run of whitespace. A word of three letters or more also
 * matches its regular present forms ("shop elsewhere" finds "shopping elsewhere", "bad review" finds
 * "bad reviews"; past forms are written out), and numbers up to ten match in digits or words ("three times" finds "3 times",
 * "3rd time" finds "third time"), so an admin writes a cue once.
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
    return this.pattern?.test(numbersInWords(text.toLowerCase().replace(/’/g, "'"))) === true;
  }
}

const CARDINALS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

/** "3 times" -> "three times", "3rd time" -> "third time" (up to ten; "404" stays). Lower case in. */
function numbersInWords(text: string): string {
  return text.replace(/(?<![\d.,])\b(\d{1,2})(st|nd|rd|th)?\b(?![.,]\d)/g, (whole, digits: string, suffix?: string) => {
    const n = Number(digits);
    if (n > 10) return whole;
    return (suffix === undefined ? CARDINALS : ORDINALS)[n] ?? whole;
  });
}

/** Short or grammatical words are matched as written: "a" must not find "as". */
const NOT_INFLECTED = new Set([
  'the',
  'and',
  'you',
  'your',
  'for',
  'not',
  'has',
  'was',
  'are',
  'can',
  'our',
  'any',
  'all',
  'but',
  'its',
  'his',
  'her',
  'who',
  'how',
  'why',
  'this',
  'that',
  'with',
  'from',
  'have',
  'been',
  'will',
  'what',
  'when',
  'again',
  'never',
  'still',
  'every',
  'many',
  'times',
  'nothing',
  'elsewhere',
]);

/**
 * A plain word as a pattern that also takes its regular present forms: -s / -es and -ing, with the
 * usual spelling changes (shop -> shopping, close -> closing, cancel -> cancelling, reply -> replies).
 * Not the past: a threat in the past is a report ("contact my bank" is not "I contacted my bank"),
 * and "fee" must not find "feed"; past forms a cue needs are written in the file.
 */
function inflected(word: string): string {
  const escaped = word.replace(/'/g, "'?");
  if (word.length < 3 || !/^[a-z]+$/.test(word) || NOT_INFLECTED.has(word)) return escaped;
  const forms = new Set<string>();
  forms.add(
    /(?:s|x|z|ch|sh)$/.test(word) ? `${word}es` : /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`,
  );
  forms.add(/[^aeio]e$/.test(word) ? `${word.slice(0, -1)}ing` : `${word}ing`);
  // British spelling doubles a final l after one vowel: cancel -> cancelling, travel -> travelling.
  if (/[^aeiou][aeiou]l$/.test(word)) forms.add(`${word}ling`);
  // A short word ending consonant-vowel-consonant doubles its last letter: shop -> shopping, stop -> stopping.
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(word)) forms.add(`${word}${word.at(-1)}ing`);
  return `(?:${[word, ...forms].join('|')})`;
}

function toPattern(phrase: string): string {
  const words = numbersInWords(phrase.trim().toLowerCase().replace(/’/g, "'"))
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return '';
  const parts = words.map((word) => {
    const wildcard = word.endsWith('*');
    if (!wildcard && /^[a-z']+$/.test(word)) return inflected(word);
    const body = (wildcard ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'?");
    return wildcard ? `${body}[${WORD_CHAR}']*` : body;
  });
  const open = words[words.length - 1]?.endsWith('*') ?? false;
  return `${parts.join('\\s+')}${open ? '' : `(?![${WORD_CHAR}])`}`;
}
