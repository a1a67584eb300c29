/** Only the first this-many characters of a message are analysed; the rest is ignored. */
export const MAX_ANALYSED_CHARS = 5_000;

/** One unit of a message as the sentiment scorer sees it. */
export type SentimentToken =
  /** `caps`: written in capitals ("NEVER"); `cased`: the script has upper/lower case at all. */
  | { readonly kind: 'word'; readonly text: string; readonly caps: boolean; readonly cased: boolean }
  | { readonly kind: 'emoji'; readonly text: string }
  /** `!`/`?` runs, full stops and line breaks end a sentence; commas, semicolons and dashes a clause. */
  | {
      readonly kind: 'boundary';
      readonly sentenceEnd: boolean;
      readonly exclamations: number;
      readonly questions: number;
    };

// Order matters: emoticons before punctuation, emoji before words.
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(?<emoticon>(?<![\p{L}\p{N}/:])(?:[:;=]-?[)(\]\[DPp/|*]|:'\(|<3)(?![\p{L}\p{N}/]))`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\p{EMod}|\uFE0F|\u200D\p{Extended_Pictographic})*)`,
    String.raw`(?<word>[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*)`,
    String.raw`(?<marks>[!?]+)`,
    String.raw`(?<stop>[.…]+|[\r\n]+)`,
    String.raw`(?<clause>[,;:–—]|(?<=\s)-+(?=\s))`,
  ].join('|'),
  'gu',
);

// C0/C1 controls (except tab and line breaks), zero-width and bidi formatting characters, BOM.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this matches.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;
const EMOJI_NOISE = /[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;

/**
 * The form every lexicon key and every message word is compared in: lowercase, straight
 * apostrophes, and `n't` written `nt` so "haven't" and "havent" are the same word.
 * (Only `n't` loses its apostrophe: "he'll" must not become "hell".)
 */
export function canonicalWord(word: string): string {
  return word.toLowerCase().replace(/’/g, "'").replace(/n't$/, 'nt');
}

/** Lookup key of an emoji: without variation selectors and skin-tone modifiers. */
export function canonicalEmoji(emoji: string): string {
  return emoji.replace(EMOJI_NOISE, '');
}

/**
 * Splits a message into words, emoji/emoticons and punctuation boundaries.
 * Never throws; text beyond `MAX_ANALYSED_CHARS` and invisible control characters are dropped.
 */
export function tokenizeForSentiment(text: string): SentimentToken[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const cleaned = text.slice(0, MAX_ANALYSED_CHARS).replace(INVISIBLE, ' ');
  const tokens: SentimentToken[] = [];
  for (const match of cleaned.matchAll(TOKEN_PATTERN)) {
    const groups = match.groups ?? {};
    if (groups.emoticon !== undefined) tokens.push({ kind: 'emoji', text: groups.emoticon });
    else if (groups.emoji !== undefined) tokens.push({ kind: 'emoji', text: canonicalEmoji(groups.emoji) });
    else if (groups.word !== undefined)
      tokens.push({
        kind: 'word',
        text: canonicalWord(groups.word),
        caps: isShouted(groups.word),
        cased: /[\p{Lu}\p{Ll}]/u.test(groups.word),
      });
    else if (groups.marks !== undefined) tokens.push(marksToken(groups.marks));
    else if (groups.stop !== undefined)
      tokens.push({ kind: 'boundary', sentenceEnd: true, exclamations: 0, questions: 0 });
    else tokens.push({ kind: 'boundary', sentenceEnd: false, exclamations: 0, questions: 0 });
  }
  return tokens;
}

function marksToken(marks: string): SentimentToken {
  let exclamations = 0;
  for (const mark of marks) if (mark === '!') exclamations += 1;
  return { kind: 'boundary', sentenceEnd: true, exclamations, questions: marks.length - exclamations };
}

/** An ALL CAPS word of two or more letters ("NEVER", "OK"), not "I" or "a". */
function isShouted(word: string): boolean {
  return word.length >= 2 && /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word) && /\p{Lu}.*\p{Lu}/u.test(word);
}
