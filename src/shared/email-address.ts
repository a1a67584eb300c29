/**
 * Deliberately simple (the same shape the handoff dialog accepts): one `@`, a dot in the domain,
 * no spaces or characters that only appear in display-name syntax. Real verification is a reply.
 */
const EMAIL_ADDRESS_PATTERN = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;

/** RFC 5321's limit for a forward path. */
const MAX_EMAIL_LENGTH = 254;

/** The normalised (trimmed, lower-cased) address, or `undefined` when `raw` is not a plausible email address. */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_ADDRESS_PATTERN.test(email)) return undefined;
  return email;
}
