/**
 * English contractions as customers type them, with and without the apostrophe, mapped to their
 * full form so that "can't", "cant" and "can not" all reach the matcher as "can not". Negation
 * matters in support ("my card is not working" vs "my card is working"), so it must never be lost.
 */

/** Whole words with an apostrophe whose expansion is irregular. */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ["can't", 'can not'],
  ['cannot', 'can not'],
  ["won't", 'will not'],
  ["shan't", 'shall not'],
  ["ain't", 'is not'],
  ["let's", 'let us'],
  ["y'all", 'you all'],
]);

/** Words whose "'s" means "is" rather than a possessive. */
const IS_WORDS = new Set([
  'what',
  'that',
  'it',
  'he',
  'she',
  'there',
  'here',
  'where',
  'how',
  'who',
  'when',
  'why',
  'which',
]);

/**
 * Apostrophe-less forms that are unambiguous. Ambiguous ones ("ill", "id", "its", "were", "well",
 * "hell", "shell", "wed", "lets") are left alone on purpose.
 */
const BARE_CONTRACTIONS: ReadonlyMap<string, string> = new Map([
  ['cant', 'can not'],
  ['wont', 'will not'],
  ['dont', 'do not'],
  ['doesnt', 'does not'],
  ['didnt', 'did not'],
  ['isnt', 'is not'],
  ['arent', 'are not'],
  ['wasnt', 'was not'],
  ['werent', 'were not'],
  ['havent', 'have not'],
  ['hasnt', 'has not'],
  ['hadnt', 'had not'],
  ['couldnt', 'could not'],
  ['wouldnt', 'would not'],
  ['shouldnt', 'should not'],
  ['mustnt', 'must not'],
  ['neednt', 'need not'],
  ['aint', 'is not'],
  ['whats', 'what is'],
  ['thats', 'that is'],
  ['hows', 'how is'],
  ['wheres', 'where is'],
  ['whens', 'when is'],
  ['whys', 'why is'],
  ['whos', 'who is'],
  ['theres', 'there is'],
  ['im', 'i am'],
  ['ive', 'i have'],
  ['youre', 'you are'],
  ['youve', 'you have'],
  ['theyre', 'they are'],
  ['theyve', 'they have'],
  ['weve', 'we have'],
  ['youll', 'you will'],
  ['theyll', 'they will'],
  ['itll', 'it will'],
  ['shouldve', 'should have'],
  ['couldve', 'could have'],
  ['wouldve', 'would have'],
  ['gonna', 'going to'],
  ['wanna', 'want to'],
  ['gotta', 'got to'],
]);

const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["n't", ' not'],
  ["'re", ' are'],
  ["'m", ' am'],
  ["'ll", ' will'],
  ["'ve", ' have'],
  ["'d", ' would'],
];

const APOSTROPHE_WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)+/gu;
const BARE_WORD = /[\p{L}]+/gu;

function expandApostropheWord(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  for (const [suffix, expansion] of SUFFIXES) {
    if (word.endsWith(suffix)) return word.slice(0, -suffix.length) + expansion;
  }
  if (word.endsWith("'s")) {
    const stem = word.slice(0, -2);
    return IS_WORDS.has(stem) ? `${stem} is` : stem;
  }
  return word.replace(/'/g, '');
}

/**
 * Expands contractions in lower-case text whose apostrophes are already plain `'`.
 *
 * @example expandContractions("i can't pay, whats wrong") // "i can not pay, what is wrong"
 */
export function expandContractions(text: string): string {
  return text
    .replace(APOSTROPHE_WORD, expandApostropheWord)
    .replace(BARE_WORD, (word) => BARE_CONTRACTIONS.get(word) ?? IRREGULAR.get(word) ?? word);
}
