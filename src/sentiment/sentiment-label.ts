/** The three sentiment labels, most positive first. */
export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;

/** Coarse polarity of one message. */
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
