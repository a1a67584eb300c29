import { ValidationError } from '../shared/app.error.ts';
import { normalizeEmail } from '../shared/email-address.ts';
import type { Transactor } from '../store/transactor.ts';
import type { AgentRepository } from './agent.repository.ts';
import { AGENT_ROLES, type Agent, type AgentRole } from './agent.ts';
import { AgentNotFoundError } from './agent-not-found.error.ts';
import { generateAgentToken, hashAgentToken, tokenHashesEqual } from './agent-token.ts';
import type { SignInFailureLog } from './sign-in-failure.ts';

export interface NewAgent {
  readonly name: string;
  readonly email?: string | undefined;
  readonly role?: AgentRole | undefined;
  /** How long the token works from now, in milliseconds; undefined or null = never expires. */
  readonly expiresInMs?: number | null | undefined;
}

/** What a presented token comes to: a signed-in agent, or why not (the caller words the refusal). */
export type TokenCheck =
  | { readonly kind: 'valid'; readonly agent: Agent }
  | { readonly kind: 'expired'; readonly expiredAt: string }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'unknown' };

/** Where a token check was asked from, for the record of refused tokens. */
export interface TokenCheckOrigin {
  readonly address: string | null;
}

export type RevokeResult =
  | { readonly kind: 'revoked'; readonly agent: Agent }
  | { readonly kind: 'already_revoked'; readonly agent: Agent };

const MAX_NAME_LENGTH = 100;

/**
 * Agents and their bearer tokens. A token is shown once, at creation or rotation; only its hash is
 * kept, so a lost token is replaced by {@link AgentService.rotate}. Every check reads the database
 * (no cache), so a revocation, rotation or expiry made by any process holds on the next request.
 */
export class AgentService {
  private readonly agents: AgentRepository;
  private readonly transactor: Transactor;
  private readonly clock: () => Date;
  private readonly signInFailures: SignInFailureLog | undefined;

  /** `agents` is built on `transactor.db`, so checking an email and inserting are one transaction. */
  constructor(deps: {
    readonly transactor: Transactor;
    readonly agents: AgentRepository;
    readonly clock?: (() => Date) | undefined;
    /** Told of every token refused on a request (`checkToken` with an origin); optional in tools and tests. */
    readonly signInFailures?: SignInFailureLog | undefined;
  }) {
    this.agents = deps.agents;
    this.transactor = deps.transactor;
    this.clock = deps.clock ?? (() => new Date());
    this.signInFailures = deps.signInFailures;
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
        expires_at: this.expiryFrom(input.expiresInMs),
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

  /** The active agent who owns `token` and whose token has not expired, or `undefined`. */
  async authenticate(token: string): Promise<Agent | undefined> {
    const check = await this.checkToken(token);
    return check.kind === 'valid' ? check.agent : undefined;
  }

  /**
   * Whose `token` this is, and whether it works now. The lookup is by hash, so the database never
   * compares the secret itself; the stored hash is re-checked in constant time. `expired` and
   * `revoked` are only ever told to someone holding that very token, so they reveal nothing about
   * other agents; a token replaced by a rotation is `unknown`. With an `origin` (a request's
   * address), a refusal is reported to the sign-in failure log before it is returned.
   */
  async checkToken(token: string, origin?: TokenCheckOrigin): Promise<TokenCheck> {
    const { check, agent } = await this.check(token);
    if (check.kind !== 'valid' && origin !== undefined)
      await this.signInFailures?.refused({ reason: check.kind, agent, address: origin.address });
    return check;
  }

  private async check(token: string): Promise<{ check: TokenCheck; agent: Agent | null }> {
    if (token === '') return { check: { kind: 'unknown' }, agent: null };
    const hash = hashAgentToken(token);
    const found = await this.agents.findByTokenHash(hash);
    if (found === undefined || !tokenHashesEqual(hash, found.tokenHash))
      return { check: { kind: 'unknown' }, agent: null };
    const { agent } = found;
    if (agent.revokedAt !== null) return { check: { kind: 'revoked' }, agent };
    if (agent.expiresAt !== null && agent.expiresAt <= this.clock().toISOString())
      return { check: { kind: 'expired', expiredAt: agent.expiresAt }, agent };
    return { check: { kind: 'valid', agent }, agent };
  }

  /**
   * Gives an active agent (by id or email) a new token, returned once; the old one stops working at
   * once, with no grace period. The new token expires `expiresInMs` from now (null = never).
   *
   * @throws AgentNotFoundError when nobody matches; ValidationError for a revoked agent.
   */
  async rotate(idOrEmail: string, expiresInMs: number | null): Promise<{ agent: Agent; token: string }> {
    const agent = await this.find(idOrEmail);
    if (agent.revokedAt !== null)
      throw new ValidationError('Cannot rotate the token', [
        `agent ${agent.id} was revoked on ${agent.revokedAt}: create a new agent instead`,
      ]);
    const token = generateAgentToken();
    const rotated = await this.agents.replaceToken(agent.id, hashAgentToken(token), this.expiryFrom(expiresInMs));
    if (rotated === undefined)
      throw new ValidationError('Cannot rotate the token', [`agent ${agent.id} was just revoked`]);
    return { agent: rotated, token };
  }

  private expiryFrom(expiresInMs: number | null | undefined): string | null {
    return expiresInMs === undefined || expiresInMs === null
      ? null
      : new Date(this.clock().getTime() + expiresInMs).toISOString();
  }

  /** An agent by numeric id (revoked ones too) or by an active agent's email. */
  private async find(idOrEmail: string): Promise<Agent> {
    const key = idOrEmail.trim();
    const agent = /^\d+$/.test(key)
      ? await this.agents.findById(Number(key))
      : await this.agents.findActiveByEmail(normalizeEmail(key) ?? key.toLowerCase());
    if (agent === undefined) throw new AgentNotFoundError(key);
    return agent;
  }

  /**
   * Revokes an agent by numeric id or by email (an active agent's); their token stops working at once.
   *
   * @throws AgentNotFoundError when nobody matches.
   */
  async revoke(idOrEmail: string): Promise<RevokeResult> {
    const agent = await this.find(idOrEmail);
    const revoked = await this.agents.revoke(agent.id, this.clock().toISOString());
    return revoked === undefined ? { kind: 'already_revoked', agent } : { kind: 'revoked', agent: revoked };
  }
}
