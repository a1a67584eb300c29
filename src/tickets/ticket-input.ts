import { ValidationError } from '../shared/app.error.ts';

const MAX_SUBJECT_LENGTH = 200;
const MAX_CATEGORY_LENGTH = 100;
/** Longest note, reply or customer message a ticket event keeps; a longer agent reply is refused before it is sent. */
export const MAX_NOTE_LENGTH = 10_000;

/** One line, at most `MAX_SUBJECT_LENGTH` characters (cut with an ellipsis: subjects come from customer text). */
export function normalizeSubject(raw: string): string {
  const subject = raw.replace(/\s+/g, ' ').trim();
  if (subject === '') throw new ValidationError('Invalid ticket', ['subject: must not be empty']);
  return subject.length > MAX_SUBJECT_LENGTH ? `${subject.slice(0, MAX_SUBJECT_LENGTH - 1)}…` : subject;
}

export function normalizeCategory(raw: string | null | undefined): string | null {
  const category = raw?.trim() ?? '';
  if (category === '') return null;
  if (category.length > MAX_CATEGORY_LENGTH) {
    throw new ValidationError('Invalid ticket', [`category: must be at most ${MAX_CATEGORY_LENGTH} characters`]);
  }
  return category;
}

/** Text of a note or reply: not blank, not huge; kept as written. */
export function requireText(raw: string, field = 'text'): string {
  if (raw.trim() === '') throw new ValidationError('Invalid ticket event', [`${field}: must not be empty`]);
  if (raw.length > MAX_NOTE_LENGTH) {
    throw new ValidationError('Invalid ticket event', [
      `${field}: must be at most ${MAX_NOTE_LENGTH} characters (this one has ${raw.length})`,
    ]);
  }
  return raw.trim();
}
