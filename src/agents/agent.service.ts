import { ValidationError } from '../shared/app.error.ts';
import { normalizeEmail } from '../shared/email-address.ts';
import type { Transactor } from '../store/transactor.ts';
import type { AgentRepository } from './agent.repository.ts';
import { AGENT_ROLES, type Agent, type AgentRole } from './agent.ts';
import { AgentNotFoundError } from './agent-not-found.error.ts';
import { generateAgentToken, hashAgentToken, tokenHashesEqual } from './agent-token.ts';

export interface NewAgent {
  readonly name: string;
  readonly email?: string | undefined;
  readonly role?: AgentRole | undefined;
}

export type RevokeResult =
  | { readonly kind: 'revoked'; readonly agent: Agent }
  | { readonly kind: 'already_revoked'; readonly agent: Agent };

const MAX_NAME_LENGTH = 100;

/**
 * Agents and their bearer tokens. A token is shown once, at creation; only its hash is kept, so a
 * lost token is replaced by revoking the agent and creating a new one.
 */
export class AgentService {
  private readonly agents: AgentRepository;
  private readonly transactor: Transactor;
  private readonly clock: () => Date;

  /** `agents` is built on `transactor.db`, so checking an email and inserting are one transaction. */
  constructor(deps: {
    readonly transactor: Transactor;
    readonly agents: AgentRepository;
    readonly clock?: (() => Date) | undefined;
  }) {
    this.agents = deps.agents;
    this.transactor = deps.transactor;
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Creates an agent and returns the token to hand to them.
   *
   * @throws ValidationError for an empty name, a bad email or role, or an email an active agent already has.
   */
  async create(input: NewAgent): Promise<{ agent: Agent; token: string }> {
    const problems: string[] = [];
    const name = input.name.trim();
    if (name === '') problems.push('name: must not be empty');
    if (name.length > MAX_NAME_LENGTH) problems.push(`name: must be at most ${MAX_NAME_LENGTH} characters`);
    let email: string | null = null;
    if (input.email !== undefined && input.email.trim() !== '') {
      email = normalizeEmail(input.email) ?? null;
      if (email === null) problems.push(`email: "${input.email}" is not a valid email address`);
    }
    const role = input.role ?? 'agent';
    if (!AGENT_ROLES.includes(role)) problems.push(`role: must be one of ${AGENT_ROLES.join(', ')} (got "${role}")`);
    if (problems.length > 0) throw new ValidationError('Invalid agent', problems);

    const token = generateAgentToken();
    const agents = this.agents;
    const agent = await this.transactor.run(async () => {
      if (email !== null && (await agents.findActiveByEmail(email)) !== undefined) {
        throw new ValidationError('Invalid agent', [`email: an active agent already has ${email}`]);
      }
      return agents.insert({
        name,
        email,
        role,
        token_hash: hashAgentToken(token),
        created_at: this.clock().toISOString(),
        revoked_at: null,
      });
    });
    return { agent, token };
  }

  list(): Promise<Agent[]> {
    return this.agents.list();
  }

  /** An agent who may work on tickets right now (exists, not revoked). */
  async findActive(id: number): Promise<Agent | undefined> {
    const agent = await this.agents.findById(id);
    return agent?.revokedAt === null ? agent : undefined;
  }

  /**
   * The active agent who owns `token`, or `undefined`. The lookup is by hash, so the database
   * never compares the secret itself; the stored hash is re-checked in constant time.
   */
  async authenticate(token: string): Promise<Agent | undefined> {
    if (token === '') return undefined;
    const hash = hashAgentToken(token);
    const found = await this.agents.findByTokenHash(hash);
    if (found === undefined || !tokenHashesEqual(hash, found.tokenHash)) return undefined;
    return found.agent.revokedAt === null ? found.agent : undefined;
  }

  /**
   * Revokes an agent by numeric id or by email (an active agent's); their token stops working at once.
   *
   * @throws AgentNotFoundError when nobody matches.
   */
  async revoke(idOrEmail: string): Promise<RevokeResult> {
    const key = idOrEmail.trim();
    const agent = /^\d+$/.test(key)
      ? await this.agents.findById(Number(key))
      : await this.agents.findActiveByEmail(normalizeEmail(key) ?? key.toLowerCase());
    if (agent === undefined) throw new AgentNotFoundError(key);
    const revoked = await this.agents.revoke(agent.id, this.clock().toISOString());
    return revoked === undefined ? { kind: 'already_revoked', agent } : { kind: 'revoked', agent: revoked };
  }
}
