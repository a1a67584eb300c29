import type { Request } from 'express';
import type { Agent } from '../../agents/agent.ts';
import type { AuditEvent, AuditTrail } from '../../audit/audit-trail.ts';
import type { Logger } from '../../logging/logger.ts';
import { agentAuditEvent } from './agent-audit-event.ts';

/**
 * How long a repeated read of the same thing by the same person counts as one: the consoles
 * re-fetch an open ticket every few seconds, which is one reading, not hundreds.
 */
export const READ_AUDIT_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED_READS = 10_000;

/**
 * The routes' side of the audit trail. Reads are recorded before the data leaves (if the trail
 * cannot be written, nothing is shown unaudited) and at most once per person, target and
 * {@link READ_AUDIT_WINDOW_MS} in this process. Changes are recorded after they succeeded; a failure
 * to record is logged as an error but does not turn a done change into an error answer, so a
 * client never retries (and repeats) a reply that was delivered. Without a trail it does nothing.
 */
export class RequestAudit {
  readonly #recentReads = new Map<string, number>();

  constructor(
    private readonly trail: AuditTrail | undefined,
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that `agent` read `target` (once per window); rejects when the trail cannot be written. */
  async read(req: Request, agent: Agent, action: string, target?: AuditEvent['target']): Promise<void> {
    if (this.trail === undefined) return;
    const key = JSON.stringify([agent.id, action, target?.type ?? null, target?.id ?? null]);
    const now = this.now();
    const last = this.#recentReads.get(key);
    if (last !== undefined && now - last < READ_AUDIT_WINDOW_MS) return;
    await this.trail.record(agentAuditEvent(req, agent, action, target));
    if (this.#recentReads.size >= MAX_REMEMBERED_READS) this.#forgetOlderThan(now - READ_AUDIT_WINDOW_MS);
    this.#recentReads.set(key, now);
  }

  /** Records a change `agent` made; never rejects (a failure is logged with the action). */
  async change(
    req: Request,
    agent: Agent,
    action: string,
    target?: AuditEvent['target'],
    detail?: AuditEvent['detail'],
  ): Promise<void> {
    if (this.trail === undefined) return;
    try {
      await this.trail.record(agentAuditEvent(req, agent, action, target, detail));
    } catch (error) {
      this.logger?.error({ err: error, action, agentId: agent.id }, 'could not record an audit event');
    }
  }

  #forgetOlderThan(cutoff: number): void {
    for (const [key, at] of this.#recentReads) if (at < cutoff) this.#recentReads.delete(key);
    // Still full of recent reads: start over rather than grow without bound (a few repeats get recorded).
    if (this.#recentReads.size >= MAX_REMEMBERED_READS) this.#recentReads.clear();
  }
}
