/**
 * Tone cues that separate a complaint from a problem reported calmly: the same words ("declined",
 * "pending", "stolen") appear in both, but a complaint says the problem has lasted or come back,
 * that an expectation was broken, or puts it on someone; a question asks what to do next.
 * Names only; `complaintToneCues` says which a message has.
 */
export const COMPLAINT_TONE_CUES = [
  'question_mark',
  'question_opener',
  'how_to',
  'help_request',
  'exclamation',
  'negative_sentiment',
  'positive_sentiment',
  'persistence',
  'blame',
  'broken_expectation',
] as const;

export type ComplaintToneCue = (typeof COMPLAINT_TONE_CUES)[number];

const NUMBER = String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few)`;
const UNIT = '(?:minutes?|hours?|days?|weeks?|months?|years?)';

/** Word-level patterns over the lower-cased text (apostrophes normalised to '). */
const PATTERNS: Readonly<Partial<Record<ComplaintToneCue, RegExp>>> = {
  question_opener: /^\W*(?:how|what|where|when|which|who|can|could|do|does|is|are|will|would|should|may)\b/,
  how_to:
    /\b(?:how (?:do|can|long|much|many|to|does)|what (?:should|do|is|are|happens|does)|can (?:i|you|we)|could (?:i|you)|is (?:there|it)|do you|where (?:can|do))\b/,
  help_request:
    /\b(?:please (?:help|advise|check|assist)|help me|what (?:do|should|can) i do|i need (?:to|help)|can you (?:help|tell|check|explain)|any tips)\b/,
  persistence: new RegExp(
    String.raw`\b(?:still|again|yet|anymore|for (?:over |almost |nearly )?${NUMBER} ${UNIT}|${NUMBER} times|every (?:time|day|week)|keeps?|kept|never|nobody|no one|ages)\b`,
  ),
  blame: /\b(?:you|your|you've|you're|you'd|yours)\b/,
  broken_expectation:
    /\b(?:supposed to|promised|told (?:me|us)|should have|was meant to|even though|despite|instead of|without (?:any )?(?:warning|notice|asking|telling))\b/,
};

/**
 * The tone cues of `text`, given its sentiment label. Pure; never throws.
 *
 * @example complaintToneCues('Still no refund, you promised it last week!', 'negative')
 * // ['exclamation', 'negative_sentiment', 'persistence', 'blame', 'broken_expectation']
 */
export function complaintToneCues(text: string, sentiment: string | null): ComplaintToneCue[] {
  const normalised = text.toLowerCase().replace(/’/g, "'");
  return COMPLAINT_TONE_CUES.filter((cue) => {
    switch (cue) {
      case 'question_mark':
        return normalised.includes('?');
      case 'exclamation':
        return normalised.includes('!');
      case 'negative_sentiment':
        return sentiment === 'negative';
      case 'positive_sentiment':
        return sentiment === 'positive';
      default:
        return PATTERNS[cue]?.test(normalised) === true;
    }
  });
}
