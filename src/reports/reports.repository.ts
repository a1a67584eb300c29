import { type Kysely, sql } from 'kysely';
import { ANGRIER_MIN_DROP, ANGRIER_WINDOW } from '../sentiment/conversation-trend.ts';
import type { Db } from '../store/database.ts';
import { secondsBetween } from '../store/dialect.ts';
import type {
  ConversationCounts,
  CsatComment,
  DurationPercentiles,
  MessageCounts,
  MoodCounts,
  RatingCounts,
} from './report-counts.ts';
import { bucketOf, num, type PercentileRow, percentilesBy, type ReportScope, seconds } from './report-sql.ts';

type Bucketed<T> = T & { readonly bucket: number };

/**
 * Reads the report's numbers from the stored records (`messages`, `conversations`,
 * `handoff_requests`, `tickets`, `ticket_events`) as a read model: every number is counted,
 * summed or ranked in SQL, grouped by bucket, so no query returns more rows than the period has
 * buckets (or the few top entries and comments asked for). Portable SQL: stored ISO timestamps
 * are compared as text and differences go through `secondsBetween`.
 */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Customer messages sent in the period, by bucket of their time. */
  async messageCounts(scope: ReportScope): Promise<Array<Bucketed<MessageCounts>>> {
    const { rows } = await sql<
      Record<string, unknown>
    >`select ${bucketOf(sql.ref('created_at'), scope.boundaries)} as bucket,
        sum(case when message_kind = 'question' then 1 else 0 end) as questions,
        sum(case when message_kind = 'question' and match_kind = 'answer' then 1 else 0 end) as answered,
        sum(case when message_kind = 'question' and match_kind = 'ambiguous' then 1 else 0 end) as did_you_mean,
        sum(case when message_kind = 'question' and match_kind = 'no-match' then 1 else 0 end) as no_match,
        sum(case when helpful = 1 then 1 else 0 end) as helpful_yes,
        sum(case when helpful = 0 then 1 else 0 end) as helpful_no,
        sum(case when sentiment_label is not null then 1 else 0 end) as scored,
        sum(case when sentiment_label = 'negative' then 1 else 0 end) as negative,
        sum(case when is_complaint = 1 then 1 else 0 end) as complaints
      from messages
      where direction = 'inbound' and activity_type = 'message' and created_at >= ${scope.from} and created_at < ${scope.to}
      group by bucket`.execute(this.db);
    return rows.map((r) => ({
      bucket: num(r.bucket),
      questions: num(r.questions),
      answered: num(r.answered),
      didYouMean: num(r.did_you_mean),
      noMatch: num(r.no_match),
      helpfulYes: num(r.helpful_yes),
      helpfulNo: num(r.helpful_no),
      scored: num(r.scored),
      negative: num(r.negative),
      complaints: num(r.complaints),
    }));
  }

  /**
   * Conversations started in the period in which the customer wrote at least once, by bucket of
   * their start: how many had a question, and how many of those were handed to a person (a
   * handoff request or a ticket, whenever it came).
   */
  async conversationCounts(scope: ReportScope): Promise<Array<Bucketed<ConversationCounts>>> {
    // One pass over each conversation's messages through messages_conversation; an `exists` on
    // message_kind would let SQLite pick messages_kind_created and scan every question per conversation.
    const { rows } = await sql<Record<string, unknown>>`select bucket, count(*) as conversations,
        sum(has_question) as with_question, sum(has_question * handed_off) as handed_off_questions,
        sum(handed_off) as handed_off
      from (select ${bucketOf(sql.ref('x.started_at'), scope.boundaries)} as bucket, x.has_question,
          case when exists (select 1 from handoff_requests h where h.conversation_id = x.id)
            or exists (select 1 from tickets t where t.conversation_id = x.id) then 1 else 0 end as handed_off
        from (select c.id, c.started_at, max(case when m.message_kind = 'question' then 1 else 0 end) as has_question
          from conversations c join messages m on m.conversation_id = c.id
          where c.started_at >= ${scope.from} and c.started_at < ${scope.to}
            and m.direction = 'inbound' and m.activity_type = 'message'
          group by c.id, c.started_at) x) y
      group by bucket`.execute(this.db);
    return rows.map((r) => ({
      bucket: num(r.bucket),
      conversations: num(r.conversations),
      withQuestion: num(r.with_question),
      handedOffQuestions: num(r.handed_off_questions),
      handedOff: num(r.handed_off),
    }));
  }

  /**
   * Conversations started in the period with a scored customer message, and those whose last
   * {@link ANGRIER_WINDOW} scored messages got angrier by the agent queue's rule (never rising,
   * falling by at least {@link ANGRIER_MIN_DROP}, ending negative).
   */
  async moodCounts(scope: ReportScope): Promise<Array<Bucketed<MoodCounts>>> {
    const window = sql.lit(ANGRIER_WINDOW);
    const { rows } = await sql<
      Record<string, unknown>
    >`select ${bucketOf(sql.ref('c.started_at'), scope.boundaries)} as bucket,
        count(*) as scored, sum(a.angrier) as angrier
      from conversations c join (
        select conversation_id,
          case when count(*) = ${window}
            and sum(case when rn < ${window} and cmp > prev then 1 else 0 end) = 0
            and max(case when rn = ${window} then cmp end) - max(case when rn = 1 then cmp end) >= ${sql.lit(ANGRIER_MIN_DROP)}
            and max(case when rn = 1 then cmp end) < 0 then 1 else 0 end as angrier
        from (select m.conversation_id, m.sentiment_comparative as cmp,
            -- rank from the newest (1) in the same window as lag, so the rows are sorted once; the
            -- in list makes SQLite read messages_inbound_conversation in conversation order, so not even once
            count(*) over (partition by m.conversation_id) + 1 - row_number() over turns as rn,
            lag(m.sentiment_comparative) over turns as prev
          from messages m
          where m.conversation_id in (select s.id from conversations s
              where s.started_at >= ${scope.from} and s.started_at < ${scope.to})
            and m.direction = 'inbound' and m.sentiment_comparative is not null
          window turns as (partition by m.conversation_id order by m.id)) w
        where rn <= ${window}
        group by conversation_id) a on a.conversation_id = c.id
      group by bucket`.execute(this.db);
    return rows.map((r) => ({ bucket: num(r.bucket), scored: num(r.scored), angrier: num(r.angrier) }));
  }

  /**
   * First response (ticket created → first agent reply, for tickets created in the period) or
   * resolution (created → solved, for tickets solved in the period): nearest-rank median and p90
   * per bucket, or over the whole period when `bucketed` is false (bucket 0).
   */
  async durations(
    scope: ReportScope,
    measure: 'first-response' | 'resolution',
    bucketed: boolean,
  ): Promise<Array<Bucketed<DurationPercentiles>>> {
    const end = sql.ref(measure === 'first-response' ? 't.first_response_at' : 't.solved_at');
    const at = measure === 'first-response' ? sql.ref('t.created_at') : end;
    const bucket = bucketed ? bucketOf(at, scope.boundaries) : sql`0`;
    const source = sql`select ${bucket} as bucket, ${secondsBetween(this.db as unknown as Kysely<unknown>, sql.ref('t.created_at'), end)} as secs
      from tickets t where ${end} is not null and ${at} >= ${scope.from} and ${at} < ${scope.to}`;
    const { rows } = await percentilesBy(source).execute(this.db);
    return rows.map((r: PercentileRow) => ({
      bucket: num(r.bucket),
      count: num(r.n),
      median: seconds(r.median),
      p90: seconds(r.p90),
    }));
  }

  /** Ratings given in the period (a ticket's latest `csat` event), 1 to 5, by bucket of when. */
  async ratingCounts(scope: ReportScope): Promise<Array<Bucketed<RatingCounts>>> {
    const { rows } = await sql<
      Record<string, unknown>
    >`select ${bucketOf(sql.ref('r.rated_at'), scope.boundaries)} as bucket,
        sum(case when r.rating = 1 then 1 else 0 end) as r1, sum(case when r.rating = 2 then 1 else 0 end) as r2,
        sum(case when r.rating = 3 then 1 else 0 end) as r3, sum(case when r.rating = 4 then 1 else 0 end) as r4,
        sum(case when r.rating = 5 then 1 else 0 end) as r5
      from (${this.ratings()}) r
      where r.rated_at >= ${scope.from} and r.rated_at < ${scope.to}
      group by bucket`.execute(this.db);
    return rows.map((r) => ({
      bucket: num(r.bucket),
      ratings: [num(r.r1), num(r.r2), num(r.r3), num(r.r4), num(r.r5)] as const,
    }));
  }

  /** Surveys sent in the period (a ticket's first `csat_sent` event) and how many of those tickets were rated. */
  async surveys(scope: ReportScope): Promise<{ readonly sent: number; readonly answered: number }> {
    const { rows } = await sql<Record<string, unknown>>`select count(*) as sent,
        sum(case when t.csat_rating is not null then 1 else 0 end) as answered
      from (select ticket_id, min(created_at) as sent_at from ticket_events where type = 'csat_sent' group by ticket_id) s
      join tickets t on t.id = s.ticket_id
      where s.sent_at >= ${scope.from} and s.sent_at < ${scope.to}`.execute(this.db);
    return { sent: num(rows[0]?.sent), answered: num(rows[0]?.answered) };
  }

  /** The comments of ratings given in the period, newest first. */
  async csatComments(scope: ReportScope, limit: number): Promise<CsatComment[]> {
    const { rows } = await sql<Record<string, unknown>>`select r.reference, r.rating, r.comment, r.rated_at
      from (${this.ratings()}) r
      where r.comment is not null and r.rated_at >= ${scope.from} and r.rated_at < ${scope.to}
      order by r.rated_at desc, r.reference
      limit ${sql.lit(limit)}`.execute(this.db);
    return rows.map((r) => ({
      ticketReference: String(r.reference),
      rating: num(r.rating),
      comment: String(r.comment),
      at: String(r.rated_at),
    }));
  }

  /** Tickets opened in the period by why the bot handed over (`tickets.reason`). */
  async handoffReasons(scope: ReportScope): Promise<Record<string, number>> {
    const { rows } = await sql<Record<string, unknown>>`select reason, count(*) as n from tickets
      where created_at >= ${scope.from} and created_at < ${scope.to} group by reason order by reason`.execute(this.db);
    return Object.fromEntries(rows.map((r) => [String(r.reason), num(r.n)]));
  }

  /** Complaint messages of the period by category and severity. */
  async complaintBreakdown(
    scope: ReportScope,
  ): Promise<Array<{ readonly category: string; readonly severity: string; readonly count: number }>> {
    const { rows } = await sql<Record<string, unknown>>`select complaint_category as category,
        complaint_severity as severity, count(*) as n
      from messages
      where direction = 'inbound' and is_complaint = 1 and created_at >= ${scope.from} and created_at < ${scope.to}
      group by complaint_category, complaint_severity`.execute(this.db);
    return rows.map((r) => ({
      category: String(r.category ?? 'other'),
      severity: String(r.severity ?? 'low'),
      count: num(r.n),
    }));
  }

  /** The entries that answered most customer messages in the period, with their votes. */
  async topEntries(
    scope: ReportScope,
    limit: number,
  ): Promise<
    Array<{ readonly entryId: string; readonly answered: number; readonly yes: number; readonly no: number }>
  > {
    const { rows } = await sql<Record<string, unknown>>`select answered_entry_id as entry_id, count(*) as answered,
        sum(case when helpful = 1 then 1 else 0 end) as yes, sum(case when helpful = 0 then 1 else 0 end) as nos
      from messages
      where direction = 'inbound' and answered_entry_id is not null
        and created_at >= ${scope.from} and created_at < ${scope.to}
      group by answered_entry_id
      order by count(*) desc, answered_entry_id
      limit ${sql.lit(limit)}`.execute(this.db);
    return rows.map((r) => ({
      entryId: String(r.entry_id),
      answered: num(r.answered),
      yes: num(r.yes),
      no: num(r.nos),
    }));
  }

  /** Each rated ticket with its rating, comment and when it was last rated. */
  private ratings() {
    return sql`select t.reference, t.csat_rating as rating, t.csat_comment as comment, max(e.created_at) as rated_at
      from tickets t join ticket_events e on e.ticket_id = t.id and e.type = 'csat'
      where t.csat_rating is not null
      group by t.id, t.reference, t.csat_rating, t.csat_comment`;
  }
}
