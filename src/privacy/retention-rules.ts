import { botOnlyConversations, solvedTicketConversations } from './retention-conversations.ts';
import type { RetentionPeriods } from './retention-periods.ts';
import type { RetentionRule } from './retention-rule.ts';
import { tableRetention } from './retention-table-rule.ts';

/**
 * The product's retention rules from `RETENTION_*`, in the order a pass runs them. Direct Line
 * transcripts and bot state follow their conversation; the audit trail keeps its own period. A rule must delete through the `trx` it is
 * given: on SQLite the worker's transaction holds the one connection, so a repository on the root
 * database (such as `AuditService.purgeBefore`) would wait for it forever.
 */
export function retentionRules(periods: RetentionPeriods): RetentionRule[] {
  return [
    solvedTicketConversations(periods.solvedTicketDays),
    botOnlyConversations(periods.botOnlyDays),
    tableRetention({
      name: 'webhook deliveries',
      days: periods.webhookDays,
      table: 'notifications_outbox',
      key: 'id',
      time: 'created_at',
      only: { column: 'status', values: ['delivered', 'failed'] },
    }),
    tableRetention({ name: 'audit events', days: periods.auditDays, table: 'audit_events', key: 'id', time: 'at' }),
  ];
}
