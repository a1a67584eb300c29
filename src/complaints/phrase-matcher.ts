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
 * matches its regular inflections ("shop elsewhere" finds "shopping elsewhere", "bad review" finds
 * "bad reviews"), and numbers up to ten match in digits or words ("three times" finds "3 times",
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

/** A plain word as a pattern that also takes its regular endings: -s, -es, -ed, -ing, with the usual spelling changes. */
function inflected(word: string): string {
  const escaped = word.replace(/'/g, "'?");
  if (word.length < 3 || !/^[a-z]+$/.test(word) || NOT_INFLECTED.has(word)) return escaped;
  const forms = new Set(['s', 'es', 'ed', 'd', 'ing'].map((ending) => word + ending));
  if (word.endsWith('e')) forms.add(`${word.slice(0, -1)}ing`);
  if (/[^aeiou]y$/.test(word)) for (const ending of ['ies', 'ied']) forms.add(word.slice(0, -1) + ending);
  // A short word ending consonant-vowel-consonant doubles its last letter: shop -> shopping, stop -> stopped.
  // British spelling doubles a final l after one vowel: cancel -> cancelled, travel -> travelling.
  if (/[^aeiou][aeiou]l$/.test(word)) for (const ending of ['led', 'ling']) forms.add(word + ending);
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(word))
    for (const ending of ['ed', 'ing']) forms.add(word + word.at(-1) + ending);
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
