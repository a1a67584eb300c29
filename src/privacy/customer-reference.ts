import { ValidationError } from '../shared/app.error.ts';
import { normalizeEmail } from '../shared/email-address.ts';

/** Which customer a privacy request is about: a CRM id, or the email address on their record. */
export type CustomerReference =
  | { readonly kind: 'id'; readonly id: number }
  | { readonly kind: 'email'; readonly email: string };

/**
 * Reads `<email|id>` as the CLI and the admin API take it: digits are a customer id, anything
 * with an `@` an email address (normalised like the CRM stores it).
 *
 * @throws ValidationError naming `where` when it is neither.
 */
export function parseCustomerReference(raw: string, where: string): CustomerReference {
  const text = raw.trim();
  if (/^[1-9]\d{0,14}$/.test(text)) return { kind: 'id', id: Number(text) };
  const email = text.includes('@') ? normalizeEmail(text) : undefined;
  if (email !== undefined) return { kind: 'email', email };
  throw new ValidationError('Invalid customer', [
    `${where}: "${printable(text)}" is neither a customer id (a whole number ≥ 1) nor an email address`,
  ]);
}

/** Short and printable, for an error message that may reach a terminal or a log. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips.
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}
