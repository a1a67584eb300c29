/** Weight of the newest turn in the rolling mean (the previous mean keeps the rest). */
const TREND_SMOOTHING = 0.5;
/** "Getting angrier" looks at this many most recent turns. */
export const ANGRIER_WINDOW = 3;
/**
 * …which must fall by at least this much comparative score in total, never rising on the way.
 * On the normalised −1..1 comparative: calm → one mildly negative message ("bit slow", "my parcel
 * is late": −2 points, −0.46) is not enough, calm → "you are useless" (−3 points, −0.61) is.
 */
export const ANGRIER_MIN_DROP = 0.5;

/** Which way the mood moved over the last `ANGRIER_WINDOW` turns, as an agent's queue shows it. */
const SENTIMENT_DIRECTIONS = ['improving', 'steady', 'worsening'] as const;

export type SentimentDirection = (typeof SENTIMENT_DIRECTIONS)[number];

/** Where a conversation's mood is heading. */
export interface ConversationTrend {
  /** Exponentially weighted mean of the comparative scores, newest weighted most (0 with no turns). */
  readonly trend: number;
  /**
   * The last `ANGRIER_WINDOW` turns never got more positive, fell by at least `ANGRIER_MIN_DROP`
   * in total, and the latest one is negative.
   */
  readonly gettingAngrier: boolean;
  /**
   * Over the last `ANGRIER_WINDOW` turns (two are enough): `worsening` when they never rose, fell
   * by at least `ANGRIER_MIN_DROP` and end negative; `improving` when they never fell and rose by
   * at least as much; otherwise (and with fewer than two turns) `steady`.
   */
  readonly direction: SentimentDirection;
  readonly turns: number;
}

/**
 * The trend of a customer's messages, oldest first, from their `comparative` sentiment scores
 * (normalised per message, not per word: a short message does not swing it more than a long one).
 * Pure: the same scores always give the same answer. Non-finite scores count as 0.
 *
 * @example
 * conversationTrend([0, -0.2, -0.6]); // { trend: -0.35, gettingAngrier: true, turns: 3 }
 */
export function conversationTrend(comparatives: readonly number[]): ConversationTrend {
  const scores = comparatives.map((score) => (Number.isFinite(score) ? score : 0));
  let trend = 0;
  scores.forEach((score, index) => {
    trend = index === 0 ? score : TREND_SMOOTHING * score + (1 - TREND_SMOOTHING) * trend;
  });
  return {
    trend: Math.round(trend * 10_000) / 10_000,
    gettingAngrier: isGettingAngrier(scores),
    direction: directionOf(scores),
    turns: scores.length,
  };
}

function directionOf(scores: readonly number[]): SentimentDirection {
  const window = scores.slice(-ANGRIER_WINDOW);
  if (window.length < 2) return 'steady';
  const first = window[0] ?? 0;
  const last = window[window.length - 1] ?? 0;
  const monotone = (sign: 1 | -1): boolean =>
    window.every((score, index) => index === 0 || sign * (score - (window[index - 1] ?? score)) >= 0);
  if (monotone(-1) && first - last >= ANGRIER_MIN_DROP && last < 0) return 'worsening';
  if (monotone(1) && last - first >= ANGRIER_MIN_DROP) return 'improving';
  return 'steady';
}

function isGettingAngrier(scores: readonly number[]): boolean {
  if (scores.length < ANGRIER_WINDOW) return false;
  const window = scores.slice(-ANGRIER_WINDOW);
  const first = window[0] ?? 0;
  const last = window[window.length - 1] ?? 0;
  const neverRose = window.every((score, index) => index === 0 || score <= (window[index - 1] ?? score));
  return neverRose && first - last >= ANGRIER_MIN_DROP && last < 0;
}
