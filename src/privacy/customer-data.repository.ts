import type { Db } from '../store/database.ts';
import type { CustomerExport, ExportedConversation, ExportedTicket } from './customer-export.ts';
import type { CustomerReference } from './customer-reference.ts';
import { type CustomerScope, conversationStateKey } from './customer-scope.ts';
import { exportedRow } from './exported-row.ts';

/**
 * Reads everything stored about one customer, across the tables of every capability (customers,
 * conversations, Direct Line, tickets, handoffs, notifications, bot state): a read model, like the
 * ticket queue's, kept here so that a right-of-access request has one place that must know every
 * table holding personal data. A new table with customer data must be added here and to
 * `CustomerEraseRepository`.
 */
export class CustomerDataRepository {
  constructor(private readonly db: Db) {}

  /** The customer's id, or undefined when no customer has that id or email. */
  async find(reference: CustomerReference): Promise<number | undefined> {
    const query = this.db.selectFrom('customers').select('id');
    const row = await (reference.kind === 'id'
      ? query.where('id', '=', reference.id)
      : query.where('email', '=', reference.email)
    ).executeTakeFirst();
    return row?.id;
  }

  /** Their conversations (their own, those their messages or tickets are in) and tickets (theirs, or in those conversations). */
  async scope(customerId: number): Promise<CustomerScope> {
    const db = this.db;
    const conversations = await db
      .selectFrom('conversations')
      .select(['id', 'channel_id'])
      .where((eb) =>
        eb.or([
          eb('customer_id', '=', customerId),
          eb('id', 'in', db.selectFrom('tickets').select('conversation_id').where('customer_id', '=', customerId)),
          eb('id', 'in', db.selectFrom('messages').select('conversation_id').where('customer_id', '=', customerId)),
          eb(
            'id',
            'in',
            db.selectFrom('handoff_requests').select('conversation_id').where('customer_id', '=', customerId),
          ),
        ]),
      )
      .orderBy('started_at')
      .execute();
    const ids = conversations.map((c) => c.id);
    const tickets = await db
      .selectFrom('tickets')
      .select('id')
      .where((eb) =>
        ids.length === 0
          ? eb('customer_id', '=', customerId)
          : eb.or([eb('customer_id', '=', customerId), eb('conversation_id', 'in', ids)]),
      )
      .orderBy('id')
      .execute();
    return {
      customerId,
      conversations: conversations.map((c) => ({ id: c.id, channelId: c.channel_id })),
      ticketIds: tickets.map((t) => t.id),
    };
  }

  /** Everything in `scope`, as {@link CustomerExport}. */
  async export(scope: CustomerScope, at: string): Promise<CustomerExport> {
    const customer = await this.db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', scope.customerId)
      .executeTakeFirstOrThrow();
    const identities = await this.db
      .selectFrom('customer_identities')
      .selectAll()
      .where('customer_id', '=', scope.customerId)
      .execute();
    const conversations: ExportedConversation[] = [];
    for (const { id, channelId } of scope.conversations) conversations.push(await this.conversation(id, channelId));
    const tickets: ExportedTicket[] = [];
    for (const id of scope.ticketIds) tickets.push(await this.ticket(id));
    return {
      format: 'answerdesk-customer-export/1',
      exportedAt: at,
      customer: exportedRow(customer),
      identities: identities.map((r) => exportedRow(r)),
      conversations,
      tickets,
    };
  }

  private async conversation(id: string, channelId: string): Promise<ExportedConversation> {
    const db = this.db;
    const conversation = await db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const messages = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', id)
      .orderBy('id')
      .execute();
    const requests = await db
      .selectFrom('handoff_requests')
      .selectAll()
      .where('conversation_id', '=', id)
      .orderBy('id')
      .execute();
    const line = await db.selectFrom('directline_conversation').selectAll().where('id', '=', id).executeTakeFirst();
    const activities =
      line === undefined
        ? []
        : await db
            .selectFrom('directline_activity')
            .selectAll()
            .where('conversation_id', '=', id)
            .orderBy('seq')
            .execute();
    const state = await db
      .selectFrom('bot_state')
      .selectAll()
      .where('key', '=', conversationStateKey(channelId, id))
      .execute();
    return {
      conversation: exportedRow(conversation, ['reference']),
      messages: messages.map((r) => exportedRow(r, ['match_candidates'])),
      handoffRequests: requests.map((r) => exportedRow(r)),
      directLine:
        line === undefined
          ? null
          : { conversation: exportedRow(line), activities: activities.map((r) => exportedRow(r, ['activity'])) },
      botState: state.map((r) => exportedRow(r, ['data'])),
    };
  }

  private async ticket(id: number): Promise<ExportedTicket> {
    const db = this.db;
    const ticket = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const events = await db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', id).orderBy('id').execute();
    const handoff = await db.selectFrom('handoffs').selectAll().where('ticket_id', '=', id).executeTakeFirst();
    const notifications = await db
      .selectFrom('notifications_outbox')
      .selectAll()
      .where('ticket_id', '=', id)
      .orderBy('id')
      .execute();
    return {
      ticket: exportedRow(ticket),
      events: events.map((r) => exportedRow(r, ['data'])),
      handoff: handoff === undefined ? null : exportedRow(handoff),
      notifications: notifications.map((r) => exportedRow(r, ['payload'])),
    };
  }
}
