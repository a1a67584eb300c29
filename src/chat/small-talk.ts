import type { SmallTalk, SmallTalkTopic } from '../knowledge/knowledge-base.ts';
import { normaliseChatText } from './chat-text.ts';

/** More spellings than this from one phrase is a mistake in the file, not a wording. */
const MAX_SPELLINGS = 500;

/**
 * Finds the small-talk topic a whole message is: it must consist of nothing but the topics'
 * phrases and the fillers, in any order and number ("hey, how are you?", "ok thanks so much, bye!").
 * A greeting followed by a real question ("hi, where is my order?") is not small talk. When several
 * topics are present, the first one in the file answers. Case, punctuation, emoji, apostrophes and
 * stretched letters ("hiii", "thanksss") are ignored.
 *
 * @example
 * detectSmallTalk('Thanks a lot!', responses.smallTalk)?.id        // 'thanks'
 * detectSmallTalk('hi, where is my order?', responses.smallTalk)  // undefined
 */
export function detectSmallTalk(text: string | undefined, smallTalk: SmallTalk): SmallTalkTopic | undefined {
  if (text === undefined || text.length > 200) return undefined;
  const words = wordsOf(text);
  if (words.length === 0 || words.length > 30) return undefined;
  const units = compiled(smallTalk);
  // best[i]: the most important topic on some reading of the first i words (Infinity: fillers only).
  const best: Array<number | undefined> = [Number.POSITIVE_INFINITY];
  for (let i = 0; i < words.length; i++) {
    const here = best[i];
    if (here === undefined) continue;
    for (const unit of units.get(words[i] ?? '') ?? []) {
      if (!unit.words.every((word, k) => words[i + k] === word)) continue;
      const end = i + unit.words.length;
      best[end] = Math.min(best[end] ?? Number.POSITIVE_INFINITY, here, unit.topic);
    }
  }
  const found = best[words.length];
  return found === undefined ? undefined : smallTalk.topics[found];
}

interface Unit {
  readonly words: readonly string[];
  /** Index of the topic in the file; Infinity for a filler. */
  readonly topic: number;
}

/**
 * Spelled-out phrases and fillers by first word. Built once per loaded file (expanding and
 * normalising every spelling takes milliseconds, too slow for every message); a WeakMap so a
 * reloaded file's table goes with the old knowledge.
 */
const COMPILED = new WeakMap<SmallTalk, ReadonlyMap<string, readonly Unit[]>>();

function compiled(smallTalk: SmallTalk): ReadonlyMap<string, readonly Unit[]> {
  const cached = COMPILED.get(smallTalk);
  if (cached !== undefined) return cached;
  const byFirstWord = new Map<string, Unit[]>();
  const add = (text: string, topic: number): void => {
    const words = wordsOf(text);
    const first = words[0];
    if (first === undefined) return;
    const units = byFirstWord.get(first) ?? [];
    units.push({ words, topic });
    byFirstWord.set(first, units);
  };
  smallTalk.topics.forEach((topic, index) => {
    for (const phrase of topic.phrases) for (const spelling of expandPhrase(phrase)) add(spelling, index);
  });
  for (const filler of smallTalk.fillers) add(filler, Number.POSITIVE_INFINITY);
  COMPILED.set(smallTalk, byFirstWord);
  return byFirstWord;
}

/**
 * Every spelling of a phrase: `(a|b)` gives either word, `[x]` the word or nothing, `[a|b]` either or nothing.
 * "good (morning|evening) [all]" gives four.
 */
export function expandPhrase(phrase: string): string[] {
  const open = phrase.search(/[([]/);
  if (open === -1) return [phrase];
  const close = phrase.indexOf(phrase[open] === '(' ? ')' : ']', open);
  if (close === -1) return [phrase];
  const inner = phrase.slice(open + 1, close);
  const options = phrase[open] === '(' ? inner.split('|') : [...inner.split('|'), ''];
  const rest = expandPhrase(phrase.slice(close + 1));
  const spellings: string[] = [];
  for (const option of options) {
    for (const tail of rest) {
      if (spellings.length >= MAX_SPELLINGS) return spellings;
      spellings.push(`${phrase.slice(0, open)}${option}${tail}`);
    }
  }
  return spellings;
}

/** Lower-case words without punctuation or apostrophes, stretched letters squeezed ("hiii" = "hi"). */
function wordsOf(text: string): string[] {
  return normaliseChatText(text)
    .replace(/['.!?;,:]/g, '')
    .replace(/-/g, ' ')
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => word.replace(/(\p{L})\1+/gu, '$1'));
}
