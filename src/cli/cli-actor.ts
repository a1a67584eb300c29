import os from 'node:os';
import type { AuditActor } from '../audit/audit-trail.ts';

/** The audit trail's actor for a command run on this machine: the operating-system user who ran it. */
export function cliActor(): AuditActor {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the command still ran, by someone we cannot name.
    user = `uid ${process.getuid?.() ?? 'unknown'}`;
  }
  return { kind: 'cli', user };
}
