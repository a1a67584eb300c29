/** The opening of a question: a question word or an auxiliary verb ("where is…", "can you…"). */
const QUESTION_OPENING = /^(what|where|when|why|how|who|which|can|could|do|does|did|is|are|will|would|should|may)\b/i;

/** Whether `text` reads as a question: it ends with "?" or opens like one. */
export function isQuestionShaped(text: string): boolean {
  const trimmed = text.trim();
  return /\?\s*$/.test(trimmed) || QUESTION_OPENING.test(trimmed);
}

/**
 * Whether any clause of `text` asks something: a "?" anywhere, or a clause (between punctuation,
 * or after "but", "and", "so") that opens like a question ("yes I know, what are you going to do
 * about it", "yeah I read that but where is it").
 */
export function asksSomething(text: string): boolean {
  if (text.includes('?')) return true;
  return text.split(/[,.;:!]+|\b(?:but|and|so)\b/i).some((clause) => QUESTION_OPENING.test(clause.trim()));
}
