import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Db } from '../store/database.ts';
import { secondsBetween } from '../store/dialect.ts';
import type { CustomerSignals } from './customer-signals.ts';

/** What the signals are counted over: ISO-8601 UTC bounds computed by the caller from its clock and scorecard. */
export interface SignalsQuery {
  /** Start of the window: only history at or after this counts (open tickets count regardless). */
  readonly since: string;
  /** A ticket still open that was created before this is unresolved. */
  readonly unresolvedBefore: string;
  /** A rating at most this is low. */
  readonly lowCsatMaxRating: number;
  /** Two contacts on one topic at most this many seconds apart are a repeat. */
  readonly repeatSeconds: number;
  /** Only these customers; absent: every customer seen in the window or with an open ticket. */
  readonly customerIds?: readonly number[];
}

/** A customer as the health list shows them, with the signals of their history. */
export interface CustomerSignalsRow {
  readonly id: number;
  readonly name: string | null;
  readonly email: string | null;
  readonly lastSeenAt: string;
  readonly signals: CustomerSignals;
}

const OPEN = sql`('new', 'open', 'pending')`;
const DONE = sql`('solved', 'closed')`;
/** `sum(case when <condition> then 1 else 0 end)`: a count of matching rows in a group, on both dialects. */
const countWhen = (condition: RawBuilder<unknown>): RawBuilder<number> =>
  sql<number>`sum(case when ${condition} then 1 else 0 end)`;
/** Restricts a grouped subquery to `query.customerIds`, when given, so a page's few customers cost little. */
const forCustomers = (query: SignalsQuery, column: string): Expression<boolean> =>
  (query.customerIds === undefined
    ? sql`1 = 1`
    : sql`${sql.ref(column)} in (${sql.join([...query.customerIds])})`) as Expression<boolean>;
const n = (value: number | string | bigint | null | undefined): number => Number(value ?? 0);

/**
 * Counts every customer's health signals in SQL: a read model over `customers`, `tickets` and
 * `messages` (it writes none of them). One statement: each table is aggregated once per customer
 * (grouped subqueries joined to `customers`), so the cost grows with the rows in the window, not
 * with one query per customer, and no message is loaded into memory. Portable to SQLite and
 * PostgreSQL: timestamps are compared as ISO text, the one date difference goes through
 * `secondsBetween` (`src/store/dialect.ts`).
 */
export class CustomerHealthRepository {
  constructor(private readonly db: Db) {}

  /** The signals of every customer in scope (see `SignalsQuery.customerIds`), in customer id order. */
  async signals(query: SignalsQuery): Promise<CustomerSignalsRow[]> {
    if (query.customerIds !== undefined && query.customerIds.length === 0) return [];
    let customers = this.db
      .selectFrom('customers as c')
      .leftJoin(this.#ticketCounts(query).as('t'), 't.customer_id', 'c.id')
      .leftJoin(this.#messageCounts(query).as('m'), 'm.customer_id', 'c.id')
      .leftJoin(this.#repeatAnswers(query).as('ra'), 'ra.customer_id', 'c.id')
      .leftJoin(this.#repeatTickets(query).as('rt'), 'rt.customer_id', 'c.id')
      .select([
        'c.id',
        'c.name',
        'c.email',
        'c.last_seen_at',
        't.open_tickets',
        't.recent_tickets',
        't.low_csat',
        't.missing_csat',
        't.unresolved_tickets',
        'm.complaints_low',
        'm.complaints_medium',
        'm.complaints_high',
        'm.complaints_critical',
        'm.analysed_messages',
        'm.negative_messages',
        'ra.repeats as repeat_answers',
        'rt.repeats as repeat_tickets',
      ])
      .orderBy('c.id');
    const ids = query.customerIds;
    customers =
      ids === undefined
        ? customers.where((eb) => eb.or([eb('c.last_seen_at', '>=', query.since), eb('t.open_tickets', '>', 0)]))
        : customers.where('c.id', 'in', ids);
    const rows = await customers.execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      lastSeenAt: row.last_seen_at,
      signals: {
        openTickets: n(row.open_tickets),
        recentTickets: n(row.recent_tickets),
        complaints: {
          low: n(row.complaints_low),
          medium: n(row.complaints_medium),
          high: n(row.complaints_high),
          critical: n(row.complaints_critical),
        },
        analysedMessages: n(row.analysed_messages),
        negativeMessages: n(row.negative_messages),
        lowCsat: n(row.low_csat),
        missingCsat: n(row.missing_csat),
        repeatContact: n(row.repeat_answers) + n(row.repeat_tickets),
        unresolvedTickets: n(row.unresolved_tickets),
      },
    }));
  }

  /** Per customer: open, recent, low-rated, solved-unrated and overdue tickets. */
  #ticketCounts(query: SignalsQuery) {
    const since = query.since;
    return this.db
      .selectFrom('tickets')
      .where(forCustomers(query, 'customer_id'))
      .select([
        'customer_id',
        countWhen(sql`status in ${OPEN}`).as('open_tickets'),
        countWhen(sql`created_at >= ${since}`).as('recent_tickets'),
        countWhen(sql`csat_rating <= ${query.lowCsatMaxRating} and coalesce(solved_at, updated_at) >= ${since}`).as(
          'low_csat',
        ),
        countWhen(sql`status in ${DONE} and solved_at >= ${since} and csat_rating is null`).as('missing_csat'),
        countWhen(sql`status in ${OPEN} and created_at < ${query.unresolvedBefore}`).as('unresolved_tickets'),
      ])
      .groupBy('customer_id');
  }

  /** Per customer: their messages in the window that were complaints (by severity), analysed, negative. */
  #messageCounts(query: SignalsQuery) {
    return this.db
      .selectFrom('messages')
      .where('author', '=', 'customer')
      .where('customer_id', 'is not', null)
      .where('created_at', '>=', query.since)
      .where(forCustomers(query, 'customer_id'))
      .select([
        'customer_id',
        ...(['low', 'medium', 'high', 'critical'] as const).map((severity) =>
          countWhen(sql`is_complaint = 1 and complaint_severity = ${severity}`).as(`complaints_${severity}`),
        ),
        countWhen(sql`sentiment_label is not null`).as('analysed_messages'),
        countWhen(sql`sentiment_label = 'negative'`).as('negative_messages'),
      ])
      .groupBy('customer_id');
  }

  /** Per customer: conversations answered from an entry they got in another conversation shortly before. */
  #repeatAnswers(query: SignalsQuery) {
    return this.db
      .selectFrom('messages as later')
      .where('later.answered_entry_id', 'is not', null)
      .where('later.customer_id', 'is not', null)
      .where('later.created_at', '>=', query.since)
      .where(forCustomers(query, 'later.customer_id'))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('messages as earlier')
            .select(sql`1`.as('one'))
            .whereRef('earlier.customer_id', '=', 'later.customer_id')
            .whereRef('earlier.answered_entry_id', '=', 'later.answered_entry_id')
            .whereRef('earlier.conversation_id', '<>', 'later.conversation_id')
            .whereRef('earlier.created_at', '<', 'later.created_at')
            .where(this.#within(sql.ref('earlier.created_at'), sql.ref('later.created_at'), query.repeatSeconds)),
        ),
      )
      .select(['later.customer_id', sql<number>`count(distinct later.conversation_id)`.as('repeats')])
      .groupBy('later.customer_id');
  }

  /** Per customer: tickets in a category they opened another ticket in shortly before. */
  #repeatTickets(query: SignalsQuery) {
    return this.db
      .selectFrom('tickets as later')
      .where('later.category', 'is not', null)
      .where('later.created_at', '>=', query.since)
      .where(forCustomers(query, 'later.customer_id'))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('tickets as earlier')
            .select(sql`1`.as('one'))
            .whereRef('earlier.customer_id', '=', 'later.customer_id')
            .whereRef('earlier.category', '=', 'later.category')
            .whereRef('earlier.conversation_id', '<>', 'later.conversation_id')
            .whereRef('earlier.created_at', '<', 'later.created_at')
            .where(this.#within(sql.ref('earlier.created_at'), sql.ref('later.created_at'), query.repeatSeconds)),
        ),
      )
      .select(['later.customer_id', sql<number>`count(*)`.as('repeats')])
      .groupBy('later.customer_id');
  }

  #within(from: RawBuilder<unknown>, to: RawBuilder<unknown>, seconds: number): RawBuilder<boolean> {
    // dialect.ts takes an untyped Kysely; only its adapter is read.
    return sql<boolean>`${secondsBetween(this.db as unknown as Kysely<unknown>, from, to)} <= ${seconds}`;
  }
}
