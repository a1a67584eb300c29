import { analyse } from '../ml/index.ts';

/**
 * The key two wordings share when they are the same phrasing: the text pipeline's normalised
 * form (case, punctuation, apostrophes and contractions folded). "Never suggested again" and the
 * inbox's dedupe both compare these keys.
 *
 * @example phrasingKey("Where's my CARD?!") === phrasingKey('where is my card') // true
 */
export function phrasingKey(text: string): string {
  return analyse(text).normalised;
}
