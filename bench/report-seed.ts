import type { Insertable } from 'kysely';
import type { MessageTable } from '../src/conversations/conversation.table.ts';
import type { Db } from '../src/store/database.ts';
import type { TicketEventTable, TicketTable } from '../src/tickets/ticket.table.ts';

const CATEGORIES = ['delivery', 'damaged_product', 'refund_return', 'billing_payment', 'account_technical', 'other'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const REASONS = ['requested', 'complaint', 'negative_sentiment', 'unhelpful', 'repeated_no_match', 'topic'];
const ENTRIES = Array.from({ length: 40 }, (_, i) => `entry-${i}`);
/** What customers ask: 60 tasks × 5 ways to ask = 300 wordings, so the misses group into topics. */
const TASKS = [
  'change my delivery address',
  'cancel my order',
  'pay with paypal',
  'get an invoice',
  'return a gift',
  'track my parcel',
  'use a discount code',
  'change my password',
  'delete my account',
  'order in bulk',
  'ship to norway',
  'pay in instalments',
  'exchange a size',
  'reorder an item',
  'book a repair',
  'get a refund',
  'update my email',
  'merge two accounts',
  'split a delivery',
  'pick up in store',
  'add gift wrap',
  'buy a gift card',
  'check stock',
  'reserve an item',
  'join the loyalty club',
  'redeem points',
  'change the delivery day',
  'report a missing item',
  'report a damaged box',
  'speak german',
  'pay by bank transfer',
  'get a price match',
  'extend my warranty',
  'register a product',
  'find my order number',
  'change my phone number',
  'unsubscribe from emails',
  'get a catalogue',
  'order a sample',
  'sell on your site',
  'apply for a job',
  'find the nearest store',
  'get student discount',
  'use two codes',
  'pay on delivery',
  'ship to a po box',
  'change the billing name',
  'download my data',
  'fix a failed payment',
  'cancel a subscription',
  'pause a subscription',
  'skip a delivery',
  'add a note to my order',
  'change the courier',
  'get express delivery',
  'deliver on sunday',
  'return without a receipt',
  'return after 30 days',
  'swap a colour',
  'get assembly help',
];
const ASKS = ['how do I {}', 'can I {}', 'is it possible to {}', 'I want to {}', 'help me {} please'];

/** A small seeded generator (mulberry32), so every run stores the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Stores `messages` feedback records in conversations spread over the `days` before `end`, with
 * the tickets, events and handoff requests a support desk of that size has (see
 * `bench/reports.bench.ts`). Rows are written directly, in batches: only their shape and times matter.
 */
export async function seedReportData(
  db: Db,
  options: { readonly messages: number; readonly days: number; readonly end: number },
): Promise<{ conversations: number; messages: number; tickets: number; events: number }> {
  const rnd = random(16);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const iso = (ms: number) => new Date(ms).toISOString();
  const messages: Array<Insertable<MessageTable>> = [];
  const tickets: Array<Insertable<TicketTable>> = [];
  const events: Array<Omit<Insertable<TicketEventTable>, 'ticket_id'> & { ticket: number }> = [];
  const conversations: Array<{ id: string; at: string }> = [];
  const requests: Array<{ conversation_id: string; reason: string; created_at: string }> = [];
  const start = options.end - options.days * 86_400_000;
  while (messages.length < options.messages) {
    const id = `bench-${conversations.length}`;
    let t = start + rnd() * (options.end - start - 86_400_000);
    conversations.push({ id, at: iso(t) });
    const base = {
      conversation_id: id,
      customer_id: null,
      activity_id: null,
      reply_to_id: null,
      activity_type: 'message',
    };
    const bot = (text: string) => {
      t += 800;
      messages.push({ ...base, direction: 'outbound', author: 'bot', text, created_at: iso(t) });
    };
    const customer = (values: Partial<Insertable<MessageTable>>) => {
      const comparative = Math.round((rnd() * 1.4 - 0.8) * 100) / 100;
      const complaint = rnd() < 0.08;
      t += 5_000 + rnd() * 60_000;
      messages.push({
        ...base,
        direction: 'inbound',
        author: 'customer',
        text: 'customer text',
        created_at: iso(t),
        sentiment_score: comparative * 5,
        sentiment_comparative: comparative,
        sentiment_label: comparative <= -0.05 ? 'negative' : comparative >= 0.05 ? 'positive' : 'neutral',
        is_complaint: complaint ? 1 : 0,
        complaint_category: complaint ? pick(CATEGORIES) : null,
        complaint_severity: complaint ? pick(SEVERITIES) : null,
        ...values,
      });
    };
    bot('Welcome!');
    if (rnd() < 0.3) {
      customer({ message_kind: 'small-talk' });
      bot('Hello!');
    }
    const questions = 1 + Math.floor(rnd() * 6);
    for (let q = 0; q < questions; q += 1) {
      const roll = rnd();
      const kind = roll < 0.65 ? 'answer' : roll < 0.75 ? 'ambiguous' : 'no-match';
      const entry = kind === 'answer' ? pick(ENTRIES) : null;
      const vote = kind === 'answer' && rnd() < 0.5 ? (rnd() < 0.8 ? 1 : 0) : null;
      const ask = pick(ASKS).replace('{}', pick(TASKS));
      customer({
        text: ask,
        message_kind: 'question',
        match_kind: kind,
        match_entry_id: entry,
        answered_entry_id: entry,
        helpful: vote,
      });
      bot('An answer.');
      if (vote !== null) {
        customer({
          message_kind: 'prompt-reply',
          prompt: 'helpful',
          sentiment_label: null,
          sentiment_comparative: null,
          is_complaint: null,
        });
        bot('Thanks!');
      }
    }
    if (rnd() < 0.25) {
      const reason = pick(REASONS);
      if (reason === 'requested') requests.push({ conversation_id: id, reason, created_at: iso(t) });
      for (const prompt of ['handoff-name', 'handoff-email']) {
        bot('A question for the handoff.');
        customer({
          message_kind: 'prompt-reply',
          prompt,
          sentiment_label: null,
          sentiment_comparative: null,
          is_complaint: null,
        });
      }
      const created = t;
      const replied = rnd() < 0.9 ? created + 30_000 + rnd() * 3_600_000 : null;
      const solved = replied !== null && rnd() < 0.8 ? replied + 600_000 + rnd() * 86_400_000 : null;
      const rating = solved !== null && rnd() < 0.6 ? 1 + Math.floor(rnd() * 5) : null;
      const ticket = tickets.length + 1;
      tickets.push({
        reference: `T-${1000 + ticket}`,
        conversation_id: id,
        customer_id: 1,
        subject: 'A question',
        category: null,
        priority: 'normal',
        status: solved === null ? 'open' : 'solved',
        reason: reason as Insertable<TicketTable>['reason'],
        assignee_id: null,
        created_at: iso(created),
        updated_at: iso(solved ?? replied ?? created),
        first_response_at: replied === null ? null : iso(replied),
        solved_at: solved === null ? null : iso(solved),
        csat_rating: rating,
        csat_comment: rating !== null && rnd() < 0.3 ? 'A comment.' : null,
        version: 1,
      });
      events.push({ ticket, type: 'created', actor: 'bot', data: '{}', created_at: iso(created) });
      if (replied !== null) {
        events.push({ ticket, type: 'reply', actor: 'agent:1', data: '{}', created_at: iso(replied) });
        messages.push({
          ...base,
          direction: 'outbound',
          author: 'agent',
          text: 'Agent here.',
          created_at: iso(replied),
        });
      }
      if (solved !== null) {
        events.push({ ticket, type: 'status_changed', actor: 'agent:1', data: '{}', created_at: iso(solved) });
        events.push({ ticket, type: 'csat_sent', actor: 'bot', data: '{}', created_at: iso(solved) });
      }
      if (rating !== null && solved !== null) {
        events.push({ ticket, type: 'csat', actor: 'customer', data: '{}', created_at: iso(solved + 120_000) });
      }
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customers')
      .values({ name: 'Bench', email: null, first_seen_at: iso(start), last_seen_at: iso(start) })
      .execute();
    for (let i = 0; i < conversations.length; i += 500) {
      await trx
        .insertInto('conversations')
        .values(
          conversations.slice(i, i + 500).map((c) => ({
            id: c.id,
            channel_id: 'bench',
            customer_id: null,
            reference: '{}',
            started_at: c.at,
            last_activity_at: c.at,
          })),
        )
        .execute();
    }
    for (let i = 0; i < messages.length; i += 400)
      await trx
        .insertInto('messages')
        .values(messages.slice(i, i + 400))
        .execute();
    for (let i = 0; i < tickets.length; i += 400)
      await trx
        .insertInto('tickets')
        .values(tickets.slice(i, i + 400))
        .execute();
    for (let i = 0; i < events.length; i += 500) {
      await trx
        .insertInto('ticket_events')
        .values(events.slice(i, i + 500).map(({ ticket, ...e }) => ({ ...e, ticket_id: ticket })))
        .execute();
    }
    if (requests.length > 0) {
      for (let i = 0; i < requests.length; i += 500) {
        await trx
          .insertInto('handoff_requests')
          .values(requests.slice(i, i + 500).map((r) => ({ ...r, customer_id: null, message_id: null })))
          .execute();
      }
    }
  });
  return {
    conversations: conversations.length,
    messages: messages.length,
    tickets: tickets.length,
    events: events.length,
  };
}
