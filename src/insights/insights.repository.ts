import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { Db } from '../store/database.ts';
import type { Database } from '../store/schema.ts';
import type { MissedQuestion } from './missed-question.ts';
import { MISS_REASONS, type MissReason } from './suggestion.ts';

/** One decided phrasing, as stored. */
export interface DecidedPhrasing {
  readonly phrasingKey: string;
  readonly phrasing: string;
  readonly suggestionId: string;
  readonly decision: 'accepted' | 'dismissed';
  readonly entryId: string | null;
  readonly outOfScope: boolean;
  readonly actorAgentId: number;
  readonly decidedAt: string;
}

/** A period of the misses: `from` inclusive, `to` exclusive, as ISO instants. */
export interface MissPeriod {
  readonly from: string;
  readonly to: string;
}

/** One exact wording (trimmed) of the questions missed in a period. */
export interface MissedWording {
  readonly text: string;
  /** Messages that used it. */
  readonly count: number;
  /** The first of them: its id and time. */
  readonly firstId: number;
  readonly firstAt: string;
  /** Why any of them counts, in `MISS_REASONS` order; never empty. */
  readonly reasons: readonly MissReason[];
}

/** Inbound customer questions; rows stored before migration 008 have no kind but carry a match. */
function isQuestion(eb: ExpressionBuilder<Database, 'messages'>) {
  return eb.and([
    eb('direction', '=', 'inbound'),
    eb('author', '=', 'customer'),
    eb('text', 'is not', null),
    eb.or([
      eb('message_kind', '=', 'question'),
      eb.and([eb('message_kind', 'is', null), eb('match_kind', 'is not', null)]),
    ]),
  ]);
}

/** Questions with text that the bot missed, or that the customer assigned to an entry themselves. */
function isMiss(eb: ExpressionBuilder<Database, 'messages'>, threshold: number) {
  return eb.and([
    isQuestion(eb),
    eb(sql<string>`trim(text)`, '!=', ''),
    eb.or([
      eb('match_kind', 'is', null),
      eb('match_kind', 'in', ['no-match', 'ambiguous']),
      eb('match_confidence', '<', threshold),
      eb('none_of_these', '=', 1),
      eb('helpful', '=', 0),
      eb('handoff_after_answer', '=', 1),
      eb('chosen_entry_id', 'is not', null),
    ]),
  ]);
}

/** The entries a customer's feedback on a question said were wrong. */
function rejectedEntries(row: {
  helpful: number | null;
  handoff_after_answer: number | null;
  none_of_these: number | null;
  answered_entry_id: string | null;
  match_entry_id: string | null;
  match_candidates: string | null;
}): string[] {
  const rejected = new Set<string>();
  const answered = row.answered_entry_id ?? row.match_entry_id;
  if ((row.helpful === 0 || row.handoff_after_answer === 1) && answered !== null) rejected.add(answered);
  if (row.none_of_these === 1) {
    for (const candidate of JSON.parse(row.match_candidates ?? '[]') as Array<{ entryId: string }>) {
      rejected.add(candidate.entryId);
    }
  }
  return [...rejected];
}

/**
 * The misses inbox's store: it *reads* `messages` (owned by `ConversationRepository`) as a read
 * model, the way the ticket queue reads customers and messages, and owns `suggestion_decisions`.
 * The miss filter runs in SQL, so only missed questions leave the database.
 */
export class InsightsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Every question stored so far that the bot missed, or that the customer assigned to an entry
   * themselves, oldest first. `threshold` is the served matcher's: an answer stored with a lower
   * confidence counts as `low-confidence`.
   */
  async missedQuestions(threshold: number): Promise<MissedQuestion[]> {
    const rows = await this.db
      .selectFrom('messages')
      .select([
        'id',
        'conversation_id',
        'text',
        'created_at',
        'match_kind',
        'match_entry_id',
        'match_confidence',
        'match_candidates',
        'answered_entry_id',
        'helpful',
        'none_of_these',
        'handoff_after_answer',
        'chosen_entry_id',
      ])
      .where((eb) => isMiss(eb, threshold))
      .orderBy('id')
      .execute();
    return rows.map((row) => {
      const has: Record<MissReason, boolean> = {
        'no-match': row.match_kind === 'no-match' || row.match_kind === null,
        'low-confidence':
          row.match_kind === 'answer' && row.match_confidence !== null && row.match_confidence < threshold,
        'near-tie': row.match_kind === 'ambiguous',
        'none-of-these': row.none_of_these === 1,
        unhelpful: row.helpful === 0,
        'handoff-after-answer': row.handoff_after_answer === 1,
        chosen: row.chosen_entry_id !== null,
      };
      return {
        messageId: row.id,
        conversationId: row.conversation_id,
        text: row.text ?? '',
        createdAt: row.created_at,
        reasons: MISS_REASONS.filter((reason) => has[reason]),
        chosenEntryId: row.chosen_entry_id,
        rejectedEntryIds: rejectedEntries(row),
      };
    });
  }

  /**
   * The questions missed in `[from, to)` (ISO instants) by exact wording (trimmed), oldest first:
   * how many messages used it, the first of them, and why they count (`missedQuestions`' reasons,
   * of any of its messages). Counted in SQL, so only one row per wording leaves the database.
   */
  async missedWordings(threshold: number, period: MissPeriod): Promise<MissedWording[]> {
    const flag = (condition: RawBuilder<unknown>) => sql<number>`max(case when ${condition} then 1 else 0 end)`;
    const rows = await this.db
      .selectFrom('messages')
      .select([
        sql<string>`trim(text)`.as('wording'),
        sql<number>`count(*)`.as('n'),
        sql<number>`min(id)`.as('first_id'),
        sql<string>`min(created_at)`.as('first_at'),
        flag(sql`match_kind = 'no-match' or match_kind is null`).as('no_match'),
        flag(sql`match_kind = 'answer' and match_confidence < ${threshold}`).as('low_confidence'),
        flag(sql`match_kind = 'ambiguous'`).as('near_tie'),
        flag(sql`none_of_these = 1`).as('none_of_these'),
        flag(sql`helpful = 0`).as('unhelpful'),
        flag(sql`handoff_after_answer = 1`).as('handoff_after_answer'),
        flag(sql`chosen_entry_id is not null`).as('chosen'),
      ])
      .where((eb) => isMiss(eb, threshold))
      .where('created_at', '>=', period.from)
      .where('created_at', '<', period.to)
      .groupBy(sql`trim(text)`)
      .orderBy(sql`min(id)`)
      .execute();
    return rows.map((row) => {
      const has: Record<MissReason, unknown> = {
        'no-match': row.no_match,
        'low-confidence': row.low_confidence,
        'near-tie': row.near_tie,
        'none-of-these': row.none_of_these,
        unhelpful: row.unhelpful,
        'handoff-after-answer': row.handoff_after_answer,
        chosen: row.chosen,
      };
      return {
        text: row.wording,
        count: Number(row.n),
        firstId: Number(row.first_id),
        firstAt: row.first_at,
        reasons: MISS_REASONS.filter((reason) => Number(has[reason]) === 1),
      };
    });
  }

  /** The normalised keys of every phrasing decided so far. */
  async decidedKeys(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('suggestion_decisions').select('phrasing_key').distinct().execute();
    return new Set(rows.map((row) => row.phrasing_key));
  }

  /** Stores decided phrasings in one statement (all or none). */
  async insertDecisions(decided: readonly DecidedPhrasing[]): Promise<void> {
    if (decided.length === 0) return;
    await this.db
      .insertInto('suggestion_decisions')
      .values(
        decided.map((d) => ({
          phrasing_key: d.phrasingKey,
          phrasing: d.phrasing,
          suggestion_id: d.suggestionId,
          decision: d.decision,
          entry_id: d.entryId,
          out_of_scope: d.outOfScope ? 1 : 0,
          actor_agent_id: d.actorAgentId,
          decided_at: d.decidedAt,
        })),
      )
      .execute();
  }
}
