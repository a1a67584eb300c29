import type { Agent } from './agent.ts';

/** Why a presented agent or admin token was refused. */
type SignInFailureReason = 'unknown' | 'expired' | 'revoked';

/**
 * A refused token on an agent or admin route: why, whose it was when that is known (an expired or
 * revoked token still names its agent; an unknown one names nobody), and the client's address.
 * Never the token itself.
 */
export interface SignInFailure {
  readonly reason: SignInFailureReason;
  readonly agent: Agent | null;
  readonly address: string | null;
}

/** Where refused tokens are reported (the audit trail, coalesced so a flood cannot fill it). */
export interface SignInFailureLog {
  /** Never rejects: a failure to record must not change the 401 the caller answers. */
  refused(failure: SignInFailure): Promise<void>;
}
