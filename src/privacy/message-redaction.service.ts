import type { AuditActor, AuditTrail } from '../audit/audit-trail.ts';
import { ValidationError } from '../shared/app.error.ts';
import type { MessageRedactionRepository, TextRewrite } from './message-redaction.repository.ts';
import { addRedactionCounts, type RedactionCounts, redactionsColumn } from './redaction.ts';
import { RedactionTargetNotFoundError } from './redaction-target-not-found.error.ts';

/** The type an agent's redactions are counted under on the record. */
const AGENT_REDACTION_TYPE = 'agent';
/** What stands in place of a message redacted as a whole. */
const REDACTED_MESSAGE = '[redacted by an agent]';
/** What stands in place of a part of a message an agent redacted. */
const REDACTED_PART = '[redacted]';
/** The longest part an agent may name (a message is at most a few thousand characters). */
const MAX_REDACTED_PART_LENGTH = 4000;

/** Rewrites a message's text in the channel's transcript (the Direct Line service; other channels keep none). */
interface TranscriptRewriter {
  rewriteText(
    activityId: string,
    rewrite: (text: string, counts: RedactionCounts) => { text: string; counts: RedactionCounts },
  ): Promise<boolean>;
}

export interface MessageRedactionDeps {
  readonly repository: MessageRedactionRepository;
  readonly transcript?: TranscriptRewriter | undefined;
  /** Records `message.redact` (optional until the audit trail is wired). */
  readonly audit?: AuditTrail | undefined;
}

/** An agent's request: a message of a ticket's conversation, and the part of it to redact (else all of it). */
export interface RedactMessageRequest {
  readonly reference: string;
  readonly messageId: number;
  readonly part?: string | undefined;
  readonly actor: AuditActor;
  readonly address?: string | null | undefined;
}

/** What a redaction did: the message's text now, and whether this call changed anything (a repeat does not). */
export interface MessageRedactionOutcome {
  readonly messageId: number;
  readonly text: string;
  readonly changed: boolean;
}

/**
 * Agents redacting a message after the fact (Zendesk's `comment_redactions`, Intercom's
 * `conversations/redact`): the message's text, or the part named, is replaced everywhere it is
 * stored (the feedback record, the channel's transcript, which also updates open chats, the
 * ticket events and subjects quoting it, the notification bodies), in one transaction, and the
 * action is audited. Only that message's copies change, never another message with the same
 * words. Idempotent: asking again changes nothing and succeeds.
 */
export class MessageRedactionService {
  constructor(private readonly deps: MessageRedactionDeps) {}

  /**
   * @throws RedactionTargetNotFoundError for an unknown ticket, or a message not in its conversation.
   * @throws ValidationError when the part is empty, too long, or not in a message never redacted by an agent.
   */
  async redact(request: RedactMessageRequest): Promise<MessageRedactionOutcome> {
    const { repository } = this.deps;
    const ticket = await repository.ticket(request.reference);
    if (ticket === undefined)
      throw new RedactionTargetNotFoundError('ticket', `There is no ticket ${request.reference}.`);
    const message = await repository.message(request.messageId);
    if (message === undefined || message.conversationId !== ticket.conversationId || message.text === null)
      throw new RedactionTargetNotFoundError(
        'message',
        `Ticket ${request.reference}'s conversation has no message ${request.messageId} with text.`,
      );
    const { part } = request;
    if (part !== undefined && (part.trim() === '' || part.length > MAX_REDACTED_PART_LENGTH))
      throw new ValidationError('Invalid redaction', [
        `text: the part to redact must be 1 to ${MAX_REDACTED_PART_LENGTH} characters, not only spaces`,
      ]);
    const counts: RedactionCounts =
      message.redactions === null ? {} : (JSON.parse(message.redactions) as RedactionCounts);
    const original = message.text;
    // Applied to the message and to its copies only (which those are is `MessageCopies`' call).
    const rewrite: TextRewrite =
      part === undefined ? () => REDACTED_MESSAGE : (text) => text.split(part).join(REDACTED_PART);
    const text = rewrite(original);
    if (text === original) {
      if (part !== undefined && counts[AGENT_REDACTION_TYPE] === undefined)
        throw new ValidationError('Invalid redaction', [
          `text: message ${message.id} does not contain the text to redact`,
        ]);
      return { messageId: message.id, text: original, changed: false };
    }
    const agentCount = { [AGENT_REDACTION_TYPE]: 1 };
    const { activityId } = message;
    // One transaction: every stored copy is replaced, or (on any failure) none is.
    await repository.run(async () => {
      await repository.rewrite(
        { ...message, text: original },
        text,
        redactionsColumn(addRedactionCounts(counts, agentCount)),
        rewrite,
      );
      if (activityId !== null)
        await this.deps.transcript?.rewriteText(activityId, (stored, storedCounts) => {
          const next = rewrite(stored);
          return { text: next, counts: next === stored ? storedCounts : addRedactionCounts(storedCounts, agentCount) };
        });
    });
    await this.deps.audit?.record({
      actor: request.actor,
      action: 'message.redact',
      target: { type: 'message', id: String(message.id) },
      address: request.address ?? null,
      detail: { ticket: request.reference, whole: part === undefined },
    });
    return { messageId: message.id, text, changed: true };
  }
}
