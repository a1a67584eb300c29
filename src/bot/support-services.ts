import type { Activity, TurnContext } from 'botbuilder';
import type { HandoffReason, SupportServices } from '../chat/support-services.ts';
import { getTurnAnalysis } from '../chat/turn-analysis.ts';
import type { FeedbackService } from '../conversations/feedback.service.ts';
import type { FeedbackRecord } from '../conversations/feedback-record.ts';
import type { CustomerService } from '../customers/customer.service.ts';
import { decideEscalation, type EscalationThresholds } from '../escalation/escalation-policy.ts';
import type { LiveHandoffService } from '../handoff/live-handoff.service.ts';
import { describeBackAt } from '../hours/back-at.format.ts';
import type { BusinessHours } from '../hours/business-hours.ts';
import { teamAvailability } from '../hours/team-availability.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { TicketCommandService } from '../tickets/ticket-command.service.ts';

export interface SupportServiceDeps {
  readonly knowledge: () => KnowledgeBase;
  readonly feedback: FeedbackService;
  readonly customers: CustomerService;
  readonly tickets: TicketCommandService;
  readonly thresholds: EscalationThresholds;
  readonly handoffs: LiveHandoffService;
  readonly businessHours?: BusinessHours | undefined;
  readonly clock?: (() => Date) | undefined;
}

const SUBJECT_LENGTH = 200;

/** The ticket's subject: the first complaint in the conversation, else its first question. */
function subjectOf(records: readonly FeedbackRecord[]): string {
  const said = records.filter(
    (r) => r.direction === 'inbound' && r.activityType === 'message' && (r.text ?? '').trim() !== '',
  );
  const first = said.find((r) => r.complaint?.isComplaint === true) ?? said.find((r) => r.match !== null) ?? said[0];
  const text = (first?.text ?? 'Conversation with the support bot').replace(/\s+/g, ' ').trim();
  return text.length > SUBJECT_LENGTH ? `${text.slice(0, SUBJECT_LENGTH - 1)}…` : text;
}

/** A stored record as an activity, for the `handoff.initiate` transcript. */
function recordToActivity(record: FeedbackRecord): Partial<Activity> {
  return {
    type: record.activityType,
    id: record.activityId ?? String(record.id),
    timestamp: new Date(record.createdAt),
    text: record.text ?? undefined,
    from: { id: record.author, name: record.author, role: record.direction === 'inbound' ? 'user' : 'bot' },
  };
}

/** The services the dialogs use, over the real stores and the knowledge base being served. */
export function createSupportServices(deps: SupportServiceDeps): SupportServices {
  const { knowledge, feedback, customers, tickets, thresholds, handoffs } = deps;
  return {
    knowledge,
    recordVote: (messageId, helpful) => feedback.recordVote(messageId, helpful),
    async recordHandoffRequest(context: TurnContext, reason: HandoffReason) {
      const conversationId = context.activity.conversation?.id;
      if (conversationId === undefined) return;
      await feedback.recordHandoffRequest(conversationId, getTurnAnalysis(context)?.messageId ?? null, reason);
    },
    decideEscalation: (signals) => decideEscalation(signals, thresholds),
    async contactOf(customerId) {
      const customer = await customers.findById(customerId);
      return { name: customer?.name ?? null, email: customer?.email ?? null };
    },
    async saveContact(customerId, contact) {
      const result = await customers.updateContact(customerId, contact);
      return { customerId: result.customer.id, unlinkedEmail: result.kind === 'unlinked' ? result.claimedEmail : null };
    },
    async openTicket(request) {
      // One read of the conversation gives both the ticket's subject and the handoff transcript.
      const records = await feedback.transcript(request.conversationId);
      const { ticket, created } = await tickets.escalate({
        conversationId: request.conversationId,
        customerId: request.customerId,
        reason: request.reason,
        priority: request.priority,
        subject: subjectOf(records),
        category: request.category,
      });
      if (request.unlinkedEmail) {
        await tickets.addBotNote(
          ticket.reference,
          `The customer gave the email ${request.unlinkedEmail}, which belongs to another customer record. This chat is not signed in, so the two were not linked: check who you are talking to before sharing that customer's details.`,
        );
      }
      const transcript = records.filter((r) => r.activityType === 'message').map(recordToActivity);
      return { reference: ticket.reference, created, transcript };
    },
    async startLiveHandoff(reference) {
      await handoffs.start(reference);
    },
    recordCsat: (reference, rating, comment) => tickets.recordCsat(reference, rating, comment),
    recordCsatSent: (reference) => tickets.recordCsatSent(reference),
    teamAvailability() {
      const hours = deps.businessHours;
      const availability = teamAvailability(hours, (deps.clock ?? (() => new Date()))());
      if (availability.kind === 'open' || hours === undefined) return { kind: 'open' };
      const { backAt } = availability;
      return { kind: 'closed', backAt: backAt === undefined ? undefined : describeBackAt(backAt, hours.timeZone) };
    },
  };
}
