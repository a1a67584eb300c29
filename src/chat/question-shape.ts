/** The opening of a question: a question word or an auxiliary verb ("where is…", "can you…"). */
const QUESTION_OPENING = /^(what|where|when|why|how|who|which|can|could|do|does|did|is|are|will|would|should|may)\b/i;

/**
 * A clause that asks, inside a longer message: a question word that goes on as a question ("what
 * are you going to do", "how do I", "where is it", not "what a relief"), or an auxiliary verb
 * followed by its subject ("can you", "is it", not "will do" or "can't thank you enough").
 */
const ASKING_CLAUSE = new RegExp(
  '^(?:(?:what|where|when|why|how|who|which)\\s+(?:is|are|was|were|do|does|did|can|could|will|would|should|about|if|i|you|we|they|it|my|your|the|to|long|much|many|often|soon)' +
    '|(?:can|could|do|does|did|is|are|will|would|should|may)\\s+(?:i|you|we|they|it|he|she|this|that|there|someone|somebody|anyone|anybody|my|your|the))\\b',
  'i',
);

/** Whether `text` reads as a question: it ends with "?" or opens like one. */
export function isQuestionShaped(text: string): boolean {
  const trimmed = text.trim();
  return /\?\s*$/.test(trimmed) || QUESTION_OPENING.test(trimmed);
}

/**
 * Whether any clause of `text` asks something: a "?" anywhere, or a clause (between punctuation,
 * or after "but", "and", "so") that asks ("yes I know, what are you going to do about it", "yeah I
 * read that but where is it"), while "yes it worked and is fixed now" and "Yes! Will do" do not.
 */
export function asksSomething(text: string): boolean {
  if (text.includes('?')) return true;
  return text.split(/[,.;:!]+|\b(?:but|and|so)\b/i).some((clause) => ASKING_CLAUSE.test(clause.trim()));
}
