import { createRequire } from 'node:module';
import { canonicalEmoji, canonicalWord } from './sentiment-tokenizer.ts';

/** The `sentiment` package's own data (AFINN-165, its emoji ranking, its negators), canonicalised. */
export interface BaseLexicon {
  readonly words: ReadonlyMap<string, number>;
  /** AFINN's multi-word entries ("does not work", "fed up"): the package's tokenizer never matches them. */
  readonly phrases: ReadonlyMap<string, number>;
  readonly emoji: ReadonlyMap<string, number>;
  readonly negators: ReadonlySet<string>;
}

// JSON `import` is not used: tsx turns JSON keys into variable names, and AFINN has keys like "super".
const requireJson = createRequire(import.meta.url);

/** Reads the `sentiment` package's data once; the maps are shared and never mutated. */
export const BASE_LEXICON: BaseLexicon = buildBaseLexicon();

function readJson(path: string): Record<string, unknown> {
  const data: unknown = requireJson(path);
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

function buildBaseLexicon(): BaseLexicon {
  const afinnLabels = readJson('sentiment/languages/en/labels.json');
  const packageEmoji = readJson('sentiment/build/emoji.json');
  const packageNegators = readJson('sentiment/languages/en/negators.json');
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const [entry, score] of Object.entries(afinnLabels)) {
    if (typeof score !== 'number') continue;
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
