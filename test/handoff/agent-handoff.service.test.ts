import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CrmServices, createCrmServices } from '../../src/crm/crm-services.ts';
import {
  AgentHandoffService,
  type AgentIdentity,
  type LiveChatChannel,
} from '../../src/handoff/agent-handoff.service.ts';
import { ReplyNotDeliveredError } from '../../src/handoff/reply-not-delivered.error.ts';
import { TicketClosedError } from '../../src/tickets/ticket-closed.error.ts';
import { seedConversation, steppingClock } from '../helpers/escalation-fixture.ts';
import { freshDatabase } from '../helpers/test-database.ts';

/** A live chat that records what the customer would have been told. */
class RecordingChat implements LiveChatChannel {
  readonly told: string[] = [];
  failReplies = false;
  async sendAgentReply(conversationId: string, agent: AgentIdentity, text: string): Promise<void> {
    if (this.failReplies) throw new Error('channel down');
    this.told.push(`${conversationId} reply from ${agent.name}: ${text}`);
  }
  async sendAgentTyping(conversationId: string, agent: AgentIdentity): Promise<void> {
    if (this.failReplies) throw new Error('channel down');
    this.told.push(`${conversationId} ${agent.name} is typing`);
  }
  async announceAccepted(conversationId: string, agent: AgentIdentity): Promise<void> {
    this.told.push(`${conversationId} accepted by ${agent.name}`);
  }
  async announceCompleted(conversationId: string, reference: string): Promise<void> {
    this.told.push(`${conversationId} completed ${reference}`);
  }
}

describe('AgentHandoffService', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let crm: CrmServices;
  let chat: RecordingChat;
  let service: AgentHandoffService;
  let dana: AgentIdentity;

  beforeEach(async () => {
    ctx = await freshDatabase();
    crm = createCrmServices(ctx.db, { clock: steppingClock() });
    chat = new RecordingChat();
    const agents = createCrmServices(ctx.db).agents;
    dana = (await agents.create({ name: 'Dana' })).agent;
    service = new AgentHandoffService({
      liveHandoffs: crm.handoffs,
      ticketQueries: crm.ticketQueries,
      tickets: crm.tickets,
      agents,
      liveChat: chat,
      logger: pino({ level: 'silent' }),
    });
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  async function handedOff(conversationId: string): Promise<string> {
    const { customerId } = await seedConversation(ctx.db, { conversationId, messages: ['I need a person'] });
    const { ticket } = await crm.tickets.escalate({
      conversationId,
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'I need a person',
    });
    await crm.handoffs.start(ticket.reference);
    return ticket.reference;
  }

  async function replyEvents(reference: string): Promise<unknown[]> {
    return (await crm.ticketQueries.get(reference)).events.filter((e) => e.type === 'reply').map((e) => e.data);
  }

  it('claims the handoff on the first reply, delivers it, records it, and reads the ticket once (never its full detail)', async () => {
    const reference = await handedOff('c-1');
    const byReference = vi.spyOn(crm.ticketQueries, 'byReference');
    const detail = vi.spyOn(crm.ticketQueries, 'get');
    expect(await service.reply(reference, dana, 'Hello, Dana here')).toEqual({ recorded: true });
    expect(await service.reply(reference, dana, 'Found it')).toEqual({ recorded: true });
    expect([byReference.mock.calls.length, detail.mock.calls.length]).toEqual([2, 0]);
    expect(chat.told).toEqual([
      'c-1 accepted by Dana',
      'c-1 reply from Dana: Hello, Dana here',
      'c-1 reply from Dana: Found it',
    ]);
    expect(await replyEvents(reference)).toEqual([{ text: 'Hello, Dana here' }, { text: 'Found it' }]);
  });

  it('refuses a reply on a solved ticket and sends nothing', async () => {
    const reference = await handedOff('c-1');
    await crm.tickets.update(reference, { version: 1, status: 'solved' }, dana.id);
    await expect(service.reply(reference, dana, 'anyone?')).rejects.toBeInstanceOf(TicketClosedError);
    expect(chat.told).toEqual([]);
  });

  it('records nothing when the reply could not reach the chat', async () => {
    const reference = await handedOff('c-1');
    chat.failReplies = true;
    await expect(service.reply(reference, dana, 'Hello')).rejects.toBeInstanceOf(ReplyNotDeliveredError);
    expect(await replyEvents(reference)).toEqual([]);
  });

  it('announces a claim once and a solve once; an unannounceable change still stands', async () => {
    const reference = await handedOff('c-1');
    const claimed = await crm.tickets.update(reference, { version: 1, assigneeId: dana.id }, dana.id);
    await service.announceChange(claimed, dana.id);
    await service.announceChange(claimed, dana.id);
    const solved = await crm.tickets.update(reference, { version: 2, status: 'solved' }, dana.id);
    await service.announceChange(solved, undefined);
    await service.announceChange(solved, undefined);
    expect(chat.told).toEqual(['c-1 accepted by Dana', `c-1 completed ${reference}`]);

    const other = await handedOff('c-2');
    vi.spyOn(chat, 'announceCompleted').mockRejectedValue(new Error('channel down'));
    const closed = await crm.tickets.update(other, { version: 1, status: 'closed' }, dana.id);
    await expect(service.announceChange(closed, undefined)).resolves.toBeUndefined();
    expect(await crm.handoffs.live('c-2')).toBeUndefined();
  });

  it('shows the agent typing only while a person has the chat, and never claims the ticket', async () => {
    const reference = await handedOff('c-1');
    expect(await service.typing(reference, dana)).toEqual({ kind: 'shown' });
    expect((await crm.handoffs.live('c-1'))?.state).toBe('pending');
    await crm.tickets.update(reference, { version: 1, assigneeId: dana.id }, dana.id);
    await crm.handoffs.accept((await crm.ticketQueries.byReference(reference)).id, dana.id);
    expect(await service.typing(reference, dana)).toEqual({ kind: 'shown' });
    expect(chat.told).toEqual(['c-1 Dana is typing', 'c-1 Dana is typing']);

    const ticket = await crm.ticketQueries.byReference(reference);
    await crm.tickets.update(reference, { version: ticket.version, status: 'solved' }, dana.id);
    expect(await service.typing(reference, dana)).toEqual({ kind: 'no-live-chat' });

    // A ticket whose chat never went live (an email-only escalation), and a chat that is down.
    const { customerId } = await seedConversation(ctx.db, { conversationId: 'c-3', messages: ['write to me'] });
    const { ticket: emailOnly } = await crm.tickets.escalate({
      conversationId: 'c-3',
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'write to me',
    });
    expect(await service.typing(emailOnly.reference, dana)).toEqual({ kind: 'no-live-chat' });
    const down = await handedOff('c-4');
    chat.failReplies = true;
    expect(await service.typing(down, dana)).toEqual({ kind: 'no-live-chat' });
    expect(chat.told).toHaveLength(2);
  });
});
