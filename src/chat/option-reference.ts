const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const CARDINAL_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** Words around a reference that change nothing: "the second one please", "number 2", "I mean the first". */
const FILLER = new Set([
  'the',
  'one',
  'option',
  'choice',
  'answer',
  'button',
  'number',
  'no',
  'no.',
  '#',
  'please',
  'pls',
  'plz',
  'i',
  'mean',
  'meant',
  'want',
  'need',
  'that',
  'this',
  'its',
  "it's",
  'it',
  'is',
  'was',
  'ok',
  'okay',
  'yes',
  'yeah',
  'um',
  'uh',
  'hmm',
  'like',
  'just',
  'thanks',
  'thank',
  'you',
  'oh',
  'sorry',
  'on',
  'list',
  'from',
  'top',
]);

/**
 * Which of `count` options just offered (a "did you mean…?" list, in order) a typed reply names by
 * its place: "2", "#2", "number 2", "the second one", "2nd", "option two", "number one", "the
 * first please". Zero-based; `undefined` when the reply is anything else ("second thoughts", "2
 * items missing", a question, "the last one", whose last button is not an entry), or names a
 * place the list does not have.
 *
 * @example
 * optionReference('the second one', 3) // 1
 * optionReference('I have 2 orders', 3) // undefined
 */
export function optionReference(text: string, count: number): number | undefined {
  const words = text
    .toLowerCase()
    .replace(/[!?.,;:()"]+/g, ' ')
    .replace(/#(?=\d)/g, '# ')
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0 || words.length > 6) return undefined;
  const places: number[] = [];
  for (const word of words) {
    const place = placeOf(word);
    if (place !== undefined) places.push(place);
    else if (!FILLER.has(word)) return undefined;
  }
  // "one" is a filler ("the second one") and a number: alone or after "number", "option", "#"… it names the first.
  const named = words.findIndex((w, i) => w === 'one' && (i === 0 || NUMBER_MARKERS.has(words[i - 1] ?? '')));
  if (places.length === 0 && named !== -1) places.push(0);
  if (places.length !== 1) return undefined;
  const [place] = places;
  return place !== undefined && place >= 0 && place < count ? place : undefined;
}

const NUMBER_MARKERS = new Set(['number', 'option', 'choice', 'no', 'no.', '#']);

function placeOf(word: string): number | undefined {
  if (/^[1-9]$/.test(word)) return Number(word) - 1;
  const ordinal = /^([1-9])(?:st|nd|rd|th)$/.exec(word);
  if (ordinal !== null) return Number(ordinal[1]) - 1;
  const fromOrdinal = ORDINAL_WORDS.indexOf(word);
  if (fromOrdinal !== -1) return fromOrdinal;
  // "one" is also "the second one"'s filler: only other number words count here.
  const fromCardinal = CARDINAL_WORDS.indexOf(word);
  if (fromCardinal > 0) return fromCardinal;
  // "the last one" is not taken: the last button shown is "None of these" or "Talk to a person".
  return undefined;
}
