import type { Generated } from 'kysely';
import type { AgentRole } from './agent.ts';

/** Row of `agents`. The token itself is never stored: only its SHA-256 (base64url). */
export interface AgentTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  role: AgentRole;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  /** When the token stops working (migration 011); null = never. */
  expires_at: string | null;
}
