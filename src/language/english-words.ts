/**
 * Frequent English words of support messages: function words and the shop's everyday nouns and
 * verbs. Words that are also common words of the languages the bot may reply in ("die", "was",
 * "me", "no", "con", "per") are left out, so a German or Spanish message never reaches the share
 * below by accident.
 */
const ENGLISH_WORDS = new Set(
  `the my your you i i'm im it it's its is are am be been being do does did don't dont can can't cant could
would should will won't have has had not this that these those there here what where when why how who which
and or but if then than because so with without from into about after before for of at by on in to up out
just only still also please thanks thank hello hi hey yes okay ok get got need want like know tell help
order orders ordered ordering item items package parcel delivery delivered deliver shipping shipped ship
refund refunds return returns returned card cards account accounts payment payments pay paid charge charged
charges money price password email address change cancel cancelled canceled problem issue wrong broken
damaged missing still yet time week weeks days day today tomorrow yesterday buy bought purchase store
number phone support someone anyone person human agent talk speak new old same other more some any all
again never always every much many very really well good bad late early long take taken make made send sent
receive received arrive arrived track tracking transfer top account login sign log use using used`.split(/\s+/),
);

/** Messages where at least this share of the words are `ENGLISH_WORDS` are English, whatever a detector says. */
const ENGLISH_SHARE = 0.4;

/**
 * Whether a message reads as English by its words alone: the guard that keeps a detector's
 * mistakes on short, misspelt or acronym-heavy English ("do canadian orders pay gst") from
 * being answered as a foreign language.
 */
export function looksEnglish(words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const english = words.filter((word) => ENGLISH_WORDS.has(word.toLowerCase().replace(/[^\p{L}']/gu, ''))).length;
  return english / words.length >= ENGLISH_SHARE;
}
