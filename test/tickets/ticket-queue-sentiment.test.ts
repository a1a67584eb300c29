import { describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { TicketRepository } from '../../src/tickets/ticket.repository.ts';
import { analyseMessage, seedConversation, steppingClock } from '../helpers/escalation-fixture.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

type Turn = { comparative: number | null; severity?: string };

const HIGH = 'high';
const CRITICAL = 'critical';

describe('TicketRepository.list: the queue shows the worst sentiment, the trend and the worst complaint', () => {
  const ctx = freshDatabaseEachTest();

  async function queueItemFor(turns: readonly Turn[]) {
    const service = createCrmServices(ctx.db, { clock: steppingClock() }).tickets;
    const { customerId, messageIds } = await seedConversation(ctx.db, {
      conversationId: 'conv-queue',
      name: 'Robin',
      messages: turns.map((_, i) => `message ${i}`),
    });
    for (const [i, turn] of turns.entries()) {
      if (turn.comparative === null) continue;
      await analyseMessage(ctx.db, messageIds[i] ?? 0, {
        comparative: turn.comparative,
        ...(turn.severity === undefined ? {} : { complaint: { category: 'delivery', severity: turn.severity } }),
      });
    }
    await service.escalate({
      conversationId: 'conv-queue',
      customerId,
      reason: 'complaint',
      priority: 'high',
      subject: 'x',
    });
    const { tickets } = await new TicketRepository(ctx.db).list({ statuses: ['new'] }, 10, 0);
    return tickets[0];
  }

  it.each<[string, Turn[], Record<string, unknown>]>([
    [
      'a high complaint, then "hello?"',
      [{ comparative: -0.9, severity: HIGH }, { comparative: 0 }],
      { latestSentiment: 'neutral', worstSentiment: 'negative', sentimentTrend: 'improving', complaintSeverity: HIGH },
    ],
    [
      'calm, then annoyed, then furious',
      [{ comparative: 0 }, { comparative: -0.5 }, { comparative: -0.95, severity: HIGH }],
      { latestSentiment: 'negative', worstSentiment: 'negative', sentimentTrend: 'worsening', complaintSeverity: HIGH },
    ],
    [
      'a medium complaint before a critical one and a calmer message',
      [{ comparative: -0.6, severity: 'medium' }, { comparative: -0.9, severity: CRITICAL }, { comparative: -0.7 }],
      { worstSentiment: 'negative', sentimentTrend: 'steady', complaintSeverity: CRITICAL },
    ],
    [
      'calm throughout, one message not analysed',
      [{ comparative: 0 }, { comparative: null }, { comparative: 0.05 }],
      { latestSentiment: 'neutral', worstSentiment: 'neutral', sentimentTrend: 'steady', complaintSeverity: null },
    ],
    [
      'nothing analysed yet',
      [{ comparative: null }],
      { latestSentiment: null, worstSentiment: null, sentimentTrend: null, complaintSeverity: null },
    ],
  ])('for %s', async (_name, turns, expected) => {
    expect(await queueItemFor(turns)).toMatchObject(expected);
  });
});
