import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../store/database.ts';
import type { MessageTable } from '../conversations/conversation.table.ts';
import { OPEN_TICKET_STATUSES, type Ticket, type TicketStatus } from './ticket.ts';
import type { TicketEvent, TicketActor } from './ticket-event.ts';
import type { TicketPriority } from './ticket-priority.ts';
import type { TicketEventTable, TicketTable } from './ticket.table.ts';
import type { TranscriptMessage } from './ticket-detail.ts';

/** Which tickets a list shows; every given criterion must match. */
export interface TicketFilter {
  readonly statuses?: readonly TicketStatus[] | undefined;
  readonly priorities?: readonly TicketPriority[] | undefined;
  /** An agent id, or `none` for unassigned tickets. */
  readonly assignee?: number | 'none' | undefined;
  readonly category?: string | undefined;
}

function rowToTicket(row: Selectable<TicketTable>): Ticket {
  return {
    id: row.id,
    reference: row.reference,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    subject: row.subject,
    category: row.category,
    priority: row.priority,
    status: row.status,
    reason: row.reason,
    assigneeId: row.assignee_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstResponseAt: row.first_response_at,
    solvedAt: row.solved_at,
    csatRating: row.csat_rating,
    csatComment: row.csat_comment,
    version: row.version,
  };
}

function rowToEvent(row: Selectable<TicketEventTable>): TicketEvent {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    type: row.type,
    actor: row.actor as TicketActor,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

function rowToTranscriptMessage(row: Selectable<MessageTable>): TranscriptMessage {
  return {
    id: row.id,
    direction: row.direction,
    author: row.author,
    text: row.text,
    createdAt: row.created_at,
    sentiment:
      row.sentiment_comparative === null
        ? null
        : { score: row.sentiment_score ?? 0, comparative: row.sentiment_comparative, label: row.sentiment_label ?? 'neutral' },
    complaint:
      row.is_complaint === null
        ? null
        : row.is_complaint === 1
          ? { isComplaint: true, category: row.complaint_category, severity: row.complaint_severity, confidence: row.complaint_confidence }
          : { isComplaint: false },
    match: row.match_kind === null ? null : { kind: row.match_kind, entryId: row.match_entry_id, confidence: row.match_confidence },
    helpful: row.helpful === null ? null : row.helpful === 1,
  };
}

/** Urgent first: the queue's main sort key. */
const PRIORITY_RANK = sql<number>`case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/** The only place that reads and writes `tickets` and `ticket_events`. */
export class TicketRepository {
  constructor(private readonly db: Db) {}

  async findOpenByConversation(conversationId: string): Promise<Ticket | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('status', 'in', OPEN_TICKET_STATUSES)
      .executeTakeFirst();
    return row === undefined ? undefined : rowToTicket(row);
  }

  async findByReference(reference: string): Promise<Ticket | undefined> {
    const row = await this.db.selectFrom('tickets').selectAll().where('reference', '=', reference).executeTakeFirst();
    return row === undefined ? undefined : rowToTicket(row);
  }

  async insert(values: Insertable<TicketTable>): Promise<Ticket> {
    const row = await this.db.insertInto('tickets').values(values).returningAll().executeTakeFirstOrThrow();
    return rowToTicket(row);
  }

  /**
   * Applies `changes` and bumps the version, only if the ticket is still at `version`: the
   * optimistic-concurrency check is this one statement. Returns `undefined` when it was not.
   */
  async updateAtVersion(id: number, version: number, changes: Updateable<TicketTable>): Promise<Ticket | undefined> {
    const row = await this.db
      .updateTable('tickets')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : rowToTicket(row);
  }

  /** Changes that are not agent edits (timestamps) and so do not bump the version. */
  async touch(id: number, changes: Pick<Updateable<TicketTable>, 'updated_at' | 'first_response_at'>): Promise<void> {
    await this.db.updateTable('tickets').set(changes).where('id', '=', id).execute();
  }

  /** The customer's satisfaction rating (1–5) and optional comment. */
  async setCsat(id: number, rating: number, comment: string | null, at: string): Promise<void> {
    await this.db.updateTable('tickets').set({ csat_rating: rating, csat_comment: comment, updated_at: at }).where('id', '=', id).execute();
  }

  async insertEvent(ticketId: number, type: TicketEvent['type'], actor: TicketActor, data: Record<string, unknown>, at: string): Promise<TicketEvent> {
    const row = await this.db
      .insertInto('ticket_events')
      .values({ ticket_id: ticketId, type, actor, data: JSON.stringify(data), created_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToEvent(row);
  }

  async events(ticketId: number): Promise<TicketEvent[]> {
    const rows = await this.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
    return rows.map(rowToEvent);
  }

  /** Urgent first, then oldest first; with the number of all matching tickets for paging. */
  async list(filter: TicketFilter, limit: number, offset: number): Promise<{ tickets: Ticket[]; total: number }> {
    let query = this.db.selectFrom('tickets');
    if (filter.statuses !== undefined && filter.statuses.length > 0) query = query.where('status', 'in', filter.statuses);
    if (filter.priorities !== undefined && filter.priorities.length > 0) query = query.where('priority', 'in', filter.priorities);
    if (filter.assignee === 'none') query = query.where('assignee_id', 'is', null);
    else if (filter.assignee !== undefined) query = query.where('assignee_id', '=', filter.assignee);
    if (filter.category !== undefined) query = query.where('category', '=', filter.category);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy(PRIORITY_RANK).orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { tickets: rows.map(rowToTicket), total: Number(count.total) };
  }

  /** Every chat message of the conversation, in order, with its sentiment, complaint and match columns. */
  async transcript(conversationId: string): Promise<TranscriptMessage[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('activity_type', '=', 'message')
      .orderBy('id')
      .execute();
    return rows.map(rowToTranscriptMessage);
  }

  /** The customer's last `count` text messages in the conversation, oldest first. */
  async recentCustomerMessages(conversationId: string, count: number): Promise<Array<{ text: string; at: string }>> {
    const rows = await this.db
      .selectFrom('messages')
      .select(['text', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .where('author', '=', 'customer')
      .where('activity_type', '=', 'message')
      .where('text', 'is not', null)
      .where('text', '!=', '')
      .orderBy('id', 'desc')
      .limit(count)
      .execute();
    return rows.reverse().map((r) => ({ text: r.text ?? '', at: r.created_at }));
  }
}
