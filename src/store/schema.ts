import type { AgentTable } from '../agents/agent.table.ts';
import type { AuditEventTable } from '../audit/audit-event.table.ts';
import type { ConversationTable, HandoffRequestTable, MessageTable } from '../conversations/conversation.table.ts';
import type { CustomerIdentityTable, CustomerTable } from '../customers/customer.table.ts';
import type {
  DirectLineActivityTable,
  DirectLineConversationTable,
  DirectLineKeyTable,
} from '../directline/directline.table.ts';
import type { RateLimitWindowTable } from '../directline/rate-limit.table.ts';
import type { HandoffTable } from '../handoff/handoff.table.ts';
import type { SuggestionDecisionTable } from '../insights/suggestion-decision.table.ts';
import type { KnowledgeChangeTable } from '../knowledge/changes/knowledge-change.table.ts';
import type { NotificationOutboxTable } from '../notifications/notification.table.ts';
import type { TicketEventTable, TicketTable } from '../tickets/ticket.table.ts';
import type { BotStateTable } from './bot-state.table.ts';
import type { SequenceTable } from './sequence.table.ts';

/** Every table Kysely knows about; each capability contributes its own `*.table.ts`. */
export interface Database {
  bot_state: BotStateTable;
  customers: CustomerTable;
  customer_identities: CustomerIdentityTable;
  conversations: ConversationTable;
  messages: MessageTable;
  handoff_requests: HandoffRequestTable;
  sequences: SequenceTable;
  agents: AgentTable;
  tickets: TicketTable;
  ticket_events: TicketEventTable;
  notifications_outbox: NotificationOutboxTable;
  handoffs: HandoffTable;
  directline_conversation: DirectLineConversationTable;
  directline_activity: DirectLineActivityTable;
  directline_key: DirectLineKeyTable;
  suggestion_decisions: SuggestionDecisionTable;
  knowledge_changes: KnowledgeChangeTable;
  audit_events: AuditEventTable;
  rate_limit_windows: RateLimitWindowTable;
}
