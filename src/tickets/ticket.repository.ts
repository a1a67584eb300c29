import { type Insertable, type RawBuilder, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import { COMPLAINT_SEVERITIES, type ComplaintSeverity } from '../complaints/complaint-severity.ts';
import type { TicketPriority } from '../escalation/ticket-priority.ts';
import { conversationTrend, type SentimentDirection } from '../sentiment/conversation-trend.ts';
import { SENTIMENT_LABELS, type SentimentLabel } from '../sentiment/sentiment-label.ts';
import type { Db } from '../store/database.ts';
import { caseInsensitiveLike } from '../store/dialect.ts';
import type { TicketEventTable, TicketTable } from './ticket.table.ts';
import { OPEN_TICKET_STATUSES, type Ticket, type TicketStatus } from './ticket.ts';
import type { CustomerTicketSummary } from './ticket-detail.ts';
import type { TicketActor, TicketEvent } from './ticket-event.ts';
import type { TicketListItem } from './ticket-list-item.ts';

/** Which tickets a list shows; every given criterion must match. */
export interface TicketFilter {
  readonly statuses?: readonly TicketStatus[] | undefined;
  readonly priorities?: readonly TicketPriority[] | undefined;
  /** An agent id, or `none` for unassigned tickets. */
  readonly assignee?: number | 'none' | undefined;
  readonly category?: string | undefined;
  /** Text to find in the reference, subject, customer's name or email, or a customer's or agent's message. */
  readonly search?: string | undefined;
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

function sentimentLabel(raw: string | null): SentimentLabel | null {
  return raw !== null && (SENTIMENT_LABELS as readonly string[]).includes(raw) ? (raw as SentimentLabel) : null;
}

/** `text` as a LIKE pattern that matches it literally anywhere (`%`, `_` and the backslash escaped with a backslash). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search of the queue: `text` (bound as a parameter, LIKE-escaped, so it is matched literally;
 * case-insensitive LIKE, `caseInsensitiveLike`) in the reference, the subject, the customer's name or email, or
 * any message the customer or an agent wrote in the ticket's conversation (not the bot's, whose
 * knowledge answers would match nearly every search).
 */
function matchesSearch(db: Db, text: string): RawBuilder<SqlBool> {
  const pattern = containsPattern(text);
  const like = sql.raw(caseInsensitiveLike(db));
  return sql<SqlBool>`(
    tickets.reference ${like} ${pattern} escape '\\'
    or tickets.subject ${like} ${pattern} escape '\\'
    or exists (select 1 from customers sc where sc.id = tickets.customer_id
      and (sc.name ${like} ${pattern} escape '\\' or sc.email ${like} ${pattern} escape '\\'))
    or exists (select 1 from messages sm where sm.conversation_id = tickets.conversation_id
      and sm.author in ('customer', 'agent') and sm.text ${like} ${pattern} escape '\\')
  )`;
}

function complaintSeverity(raw: string | null): ComplaintSeverity | null {
  return raw !== null && (COMPLAINT_SEVERITIES as readonly string[]).includes(raw) ? (raw as ComplaintSeverity) : null;
}

/** The direction of the customer's last (up to three) comparatives, given newest first; null with none. */
function sentimentTrend(newestFirst: readonly (number | null)[]): SentimentDirection | null {
  const scores = newestFirst.filter((score): score is number => score !== null).reverse();
  return scores.length === 0 ? null : conversationTrend(scores).direction;
}

/** A queue row: the ticket's columns plus what `list` reads of its customer, assignee and messages. */
interface ListRow extends Selectable<TicketTable> {
  readonly customer_name: string | null;
  readonly customer_email: string | null;
  readonly assignee_name: string | null;
  readonly latest_sentiment: string | null;
  readonly worst_sentiment: string | null;
  readonly comparative_0: number | null;
  readonly comparative_1: number | null;
  readonly comparative_2: number | null;
  readonly worst_complaint_severity: string | null;
}

function rowToListItem(row: ListRow): TicketListItem {
  return {
    ...rowToTicket(row),
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    latestSentiment: sentimentLabel(row.latest_sentiment),
    worstSentiment: sentimentLabel(row.worst_sentiment),
    sentimentTrend: sentimentTrend([row.comparative_0, row.comparative_1, row.comparative_2]),
    complaintSeverity: complaintSeverity(row.worst_complaint_severity),
    assigneeName: row.assignee_name,
  };
}

/** Most severe first, for picking a conversation's worst complaint. */
const SEVERITY_RANK = sql<number>`case m.complaint_severity when 'critical' then 3 when 'high' then 2 when 'medium' then 1 else 0 end`;

/** Urgent first: the queue's main sort key. */
const PRIORITY_RANK = sql<number>`case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/**
 * The only place that reads and writes `tickets` and `ticket_events`. The queue (`list`) is a read
 * model: it also reads customers, agents and messages in the same statement, and writes none of them.
 */
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
    await this.db
      .updateTable('tickets')
      .set({ csat_rating: rating, csat_comment: comment, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async insertEvent(
    ticketId: number,
    type: TicketEvent['type'],
    actor: TicketActor,
    data: Record<string, unknown>,
    at: string,
  ): Promise<TicketEvent> {
    const row = await this.db
      .insertInto('ticket_events')
      .values({ ticket_id: ticketId, type, actor, data: JSON.stringify(data), created_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToEvent(row);
  }

  async events(ticketId: number): Promise<TicketEvent[]> {
    const rows = await this.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    return rows.map(rowToEvent);
  }

  /**
   * Urgent first, then oldest first; with the number of all matching tickets for paging. Each item
   * carries its customer, assignee, latest and worst customer sentiment, sentiment trend and most
   * severe complaint from the same statement: the page is cut first (inner query), so the joins
   * and the message lookups run for its rows only.
   */
  async list(
    filter: TicketFilter,
    limit: number,
    offset: number,
  ): Promise<{ tickets: TicketListItem[]; total: number }> {
    let matching = this.db.selectFrom('tickets');
    if (filter.statuses !== undefined && filter.statuses.length > 0)
      matching = matching.where('status', 'in', filter.statuses);
    if (filter.priorities !== undefined && filter.priorities.length > 0)
      matching = matching.where('priority', 'in', filter.priorities);
    if (filter.assignee === 'none') matching = matching.where('assignee_id', 'is', null);
    else if (filter.assignee !== undefined) matching = matching.where('assignee_id', '=', filter.assignee);
    if (filter.category !== undefined) matching = matching.where('category', '=', filter.category);
    if (filter.search !== undefined) matching = matching.where(matchesSearch(this.db, filter.search));
    const page = matching
      .selectAll()
      .select(PRIORITY_RANK.as('priority_rank'))
      .orderBy(PRIORITY_RANK)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .offset(offset);
    const [rows, count] = await Promise.all([
      this.db
        .selectFrom(page.as('t'))
        .innerJoin('customers as c', 'c.id', 't.customer_id')
        .leftJoin('agents as a', 'a.id', 't.assignee_id')
        .selectAll('t')
        .select((eb) => [
          'c.name as customer_name',
          'c.email as customer_email',
          'a.name as assignee_name',
          eb
            .selectFrom('messages as m')
            .select('m.sentiment_label')
            .whereRef('m.conversation_id', '=', 't.conversation_id')
            .where('m.author', '=', 'customer')
            .where('m.sentiment_label', 'is not', null)
            .orderBy('m.id', 'desc')
            .limit(1)
            .as('latest_sentiment'),
          eb
            .selectFrom('messages as m')
            .whereRef('m.conversation_id', '=', 't.conversation_id')
            .where('m.author', '=', 'customer')
            .select('m.sentiment_label')
            .where('m.sentiment_comparative', 'is not', null)
            .orderBy('m.sentiment_comparative')
            .orderBy('m.id', 'desc')
            .limit(1)
            .as('worst_sentiment'),
          // The last three comparatives, newest first: one scalar each keeps the queue one statement.
          ...([0, 1, 2] as const).map((back) =>
            eb
              .selectFrom('messages as m')
              .whereRef('m.conversation_id', '=', 't.conversation_id')
              .where('m.author', '=', 'customer')
              .select('m.sentiment_comparative')
              .where('m.sentiment_comparative', 'is not', null)
              .orderBy('m.id', 'desc')
              .limit(1)
              .offset(back)
              .as(`comparative_${back}`),
          ),
          eb
            .selectFrom('messages as m')
            .whereRef('m.conversation_id', '=', 't.conversation_id')
            .where('m.author', '=', 'customer')
            .select('m.complaint_severity')
            .where('m.complaint_severity', 'is not', null)
            .orderBy(SEVERITY_RANK, 'desc')
            .limit(1)
            .as('worst_complaint_severity'),
        ])
        .orderBy('t.priority_rank')
        .orderBy('t.created_at')
        .orderBy('t.id')
        .execute(),
      matching.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { tickets: rows.map(rowToListItem), total: Number(count.total) };
  }

  /** The customer's tickets other than `exceptId`, newest first. */
  async otherTicketsOf(customerId: number, exceptId: number, limit: number): Promise<CustomerTicketSummary[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(['reference', 'subject', 'status', 'created_at'])
      .where('customer_id', '=', customerId)
      .where('id', '!=', exceptId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ reference: r.reference, subject: r.subject, status: r.status, createdAt: r.created_at }));
  }

  /** Gives customer `fromId`'s tickets to `toId` (a merge; run it in a transaction). */
  async reassignCustomer(fromId: number, toId: number): Promise<void> {
    await this.db.updateTable('tickets').set({ customer_id: toId }).where('customer_id', '=', fromId).execute();
  }
}
