/** What an agent may do: `admin` also sees operational data such as failed notifications. */
export const AGENT_ROLES = ['agent', 'admin'] as const;

export type AgentRole = (typeof AGENT_ROLES)[number];

/** A person who handles tickets, identified on the agent API by their own bearer token. */
export interface Agent {
  readonly id: number;
  readonly name: string;
  readonly email: string | null;
  readonly role: AgentRole;
  readonly createdAt: string;
  /** Set once the agent's token was revoked; a revoked agent cannot sign in. */
  readonly revokedAt: string | null;
  /** When the agent's current token stops working; null = never. A rotation sets a new one. */
  readonly expiresAt: string | null;
}
