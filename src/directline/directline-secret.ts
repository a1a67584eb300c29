import { randomBytes } from 'node:crypto';
import type { DirectLineRepository } from './directline.repository.ts';

const SECRET_KEY_NAME = 'token-signing-secret';

/**
 * The secret that signs Direct Line tokens: the configured one, or else one generated on first
 * start and kept in the database, so tokens survive a restart and every server process on the
 * same database accepts them. When two processes start at once, both end up with the first one
 * written.
 */
export async function resolveDirectLineSecret(configured: string, repository: DirectLineRepository): Promise<string> {
  if (configured !== '') return configured;
  const stored = await repository.readKey(SECRET_KEY_NAME);
  if (stored !== undefined) return stored;
  return repository.insertKeyIfAbsent(SECRET_KEY_NAME, randomBytes(48).toString('base64url'), new Date().toISOString());
}
