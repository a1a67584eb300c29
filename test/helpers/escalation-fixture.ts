import { createCrmServices } from '../../src/crm/crm-services.ts';
import type { Db } from '../../src/store/database.ts';
import type { EscalateInput } from '../../src/tickets/ticket-escalation.ts';

/** A conversation as the bot would have stored it: customer, conversation and the customer's messages. */
export async function seedConversation(
  db: Db,
  options: {
    conversationId: string;
    userId?: string;
    name?: string;
    channelId?: string;
    messages?: readonly string[];
    at?: string;
    /** Whether the channel vouches for the user id (default true, as an authenticated channel does). */
    verified?: boolean;
  },
): Promise<{ customerId: number; messageIds: number[] }> {
  const { feedback } = createCrmServices(db);
  const messages = options.messages ?? ['hello'];
  const messageIds: number[] = [];
  let customerId = 0;
  for (const [i, text] of messages.entries()) {
    const stored = await feedback.recordInbound({
      conversationId: options.conversationId,
      // As an authenticated channel would deliver it: the user id is vouched for.
      user: {
        channelId: options.channelId ?? 'test',
        userId: options.userId ?? `user-${options.conversationId}`,
        name: options.name,
        verified: options.verified ?? true,
      },
      reference: JSON.stringify({ conversation: { id: options.conversationId } }),
      activityType: 'message',
      activityId: `${options.conversationId}-${i}`,
      text,
      at: options.at ?? new Date(Date.UTC(2025, 0, 1, 12, 0, i)).toISOString(),
    });
    messageIds.push(stored.messageId);
    customerId = stored.customerId;
  }
  return { customerId, messageIds };
}

/** Stores what the turn analysis would have found on a message (sentiment and complaint columns). */
export async function analyseMessage(
  db: Db,
  messageId: number,
  analysis: { comparative: number; complaint?: { category: string; severity: string } },
): Promise<void> {
  await db
    .updateTable('messages')
    .set({
      sentiment_score: analysis.comparative * 4,
      sentiment_comparative: analysis.comparative,
      sentiment_label: analysis.comparative < -0.1 ? 'negative' : 'neutral',
      is_complaint: analysis.complaint === undefined ? 0 : 1,
      complaint_category: analysis.complaint?.category ?? null,
      complaint_severity: analysis.complaint?.severity ?? null,
      complaint_confidence: analysis.complaint === undefined ? null : 0.9,
    })
    .where('id', '=', messageId)
    .execute();
}

/** A clock that advances one second per call, so every timestamp is distinct and ordered. */
export function steppingClock(start = Date.UTC(2025, 0, 2, 9, 0, 0)): () => Date {
  let t = start;
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

/** A seeded conversation (Casey, two messages about a parcel) and an escalation of it, with `overrides`. */
export async function seededEscalation(
  db: Db,
  conversationId: string,
  overrides: Partial<EscalateInput> = {},
): Promise<EscalateInput> {
  const { customerId } = await seedConversation(db, {
    conversationId,
    name: 'Casey',
    messages: ['where is my parcel', 'still nothing!!'],
  });
  return {
    conversationId,
    customerId,
    reason: 'requested',
    priority: 'normal',
    subject: 'where is my parcel',
    category: 'delivery',
    ...overrides,
  };
}
