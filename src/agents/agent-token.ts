import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bytes per token: 256 bits, far beyond guessing. */
const AGENT_TOKEN_BYTES = 32;

/** A fresh agent token (base64url of 32 random bytes). */
export function generateAgentToken(): string {
  return randomBytes(AGENT_TOKEN_BYTES).toString('base64url');
}

/** What is stored for a token: its SHA-256, base64url. A fast hash suffices: the token is random, not a password. */
export function hashAgentToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Compares two token hashes in constant time. */
export function tokenHashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
