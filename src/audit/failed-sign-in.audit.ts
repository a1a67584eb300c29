import type { SignInFailure, SignInFailureLog } from '../agents/sign-in-failure.ts';
import type { Logger } from '../logging/logger.ts';
import type { AuditActor, AuditTrail } from './audit-trail.ts';

/** How long repeats of one failure (same address, reason and agent) count as one record. */
export const FAILED_SIGN_IN_WINDOW_MS = 10 * 60_000;
/** Most failed-sign-in records one process appends per minute, whatever the addresses. */
export const MAX_FAILED_SIGN_IN_RECORDS_PER_MINUTE = 30;
const MAX_REMEMBERED = 10_000;

/**
 * Appends refused agent and admin tokens to the audit trail (`auth.sign-in-failed`, with the
 * reason, the agent when the token names one, and the address; never the token), coalesced so a
 * flood cannot fill the table: one record per address, reason and agent per
 * {@link FAILED_SIGN_IN_WINDOW_MS}, the next one counting the repeats in between (`repeats`); and
 * at most {@link MAX_FAILED_SIGN_IN_RECORDS_PER_MINUTE} records a minute in all, the next record
 * counting those left out (`unrecorded`). Kept in this process's memory (bounded).
 */
export class FailedSignInAudit implements SignInFailureLog {
  readonly #recent = new Map<string, { recordedAt: number; repeats: number }>();
  #minuteStart = Number.NEGATIVE_INFINITY;
  #recordsThisMinute = 0;
  #unrecorded = 0;

  constructor(
    private readonly trail: AuditTrail,
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async refused(failure: SignInFailure): Promise<void> {
    const now = this.now();
    const key = JSON.stringify([failure.address, failure.reason, failure.agent?.id ?? null]);
    const last = this.#recent.get(key);
    if (last !== undefined && now - last.recordedAt < FAILED_SIGN_IN_WINDOW_MS) {
      last.repeats += 1;
      return;
    }
    if (now - this.#minuteStart >= 60_000) {
      this.#minuteStart = now;
      this.#recordsThisMinute = 0;
    }
    if (this.#recordsThisMinute >= MAX_FAILED_SIGN_IN_RECORDS_PER_MINUTE) {
      this.#unrecorded += 1;
      return;
    }
    this.#recordsThisMinute += 1;
    const unrecorded = this.#unrecorded;
    this.#unrecorded = 0;
    this.#remember(key, now);
    try {
      await this.trail.record({
        actor: actorOf(failure),
        action: 'auth.sign-in-failed',
        ...(failure.agent === null ? {} : { target: { type: 'agent', id: String(failure.agent.id) } }),
        address: failure.address,
        detail: { reason: failure.reason, repeats: last?.repeats ?? 0, unrecorded },
      });
    } catch (error) {
      this.logger?.error({ err: error, reason: failure.reason }, 'could not record a failed sign-in');
    }
  }

  #remember(key: string, now: number): void {
    if (this.#recent.size >= MAX_REMEMBERED) {
      for (const [k, v] of this.#recent) if (now - v.recordedAt >= FAILED_SIGN_IN_WINDOW_MS) this.#recent.delete(k);
      // Still full of recent addresses: start over rather than grow (the per-minute cap still holds).
      if (this.#recent.size >= MAX_REMEMBERED) this.#recent.clear();
    }
    this.#recent.set(key, { recordedAt: now, repeats: 0 });
  }
}

/** The agent a refused token names, or the anonymous caller of an unknown token. */
function actorOf(failure: SignInFailure): AuditActor {
  const { agent } = failure;
  if (agent === null) return { kind: 'system', name: 'unknown token' };
  return { kind: agent.role === 'admin' ? 'admin' : 'agent', agentId: agent.id, name: agent.name };
}
