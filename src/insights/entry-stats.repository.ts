import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { EntryCounts, EntryQuestion, StatsPeriod } from './entry-stats.ts';

/** One of {@link EntryStatsRepository.recentQuestions}, tagged with the entry it counts for. */
export interface EntryQuestionRow extends EntryQuestion {
  readonly entryId: string;
}

interface CountsRow {
  entry_id: string;
  questions: number;
  answered: number;
  votes: number;
  helpful: number;
}

interface QuestionRow {
  entry_id: string;
  id: number;
  conversation_id: string;
  text: string | null;
  created_at: string;
  answered: number;
  helpful: number | null;
}

/**
 * Each customer question of `period` once per entry it counts for: the entry that answered it,
 * and the matcher's best candidate when that is another entry (a customer who picked B from
 * "did you mean" over the matcher's A: a question for A, not answered by A, and one answered by B).
 * Questions are inbound rows of kind `question`, and rows stored before kinds were recorded
 * (null kind) that carry a match.
 */
function involvement(period: StatsPeriod): RawBuilder<unknown> {
  return sql`
    q AS (
      SELECT id, conversation_id, text, created_at, match_entry_id, answered_entry_id, helpful
      FROM messages
      WHERE direction = 'inbound'
        AND (message_kind = 'question' OR (message_kind IS NULL AND match_kind IS NOT NULL))
        AND created_at >= ${period.from} AND created_at < ${period.to}
    ),
    involved AS (
      SELECT answered_entry_id AS entry_id, * FROM q WHERE answered_entry_id IS NOT NULL
      UNION ALL
      SELECT match_entry_id AS entry_id, * FROM q
      WHERE match_entry_id IS NOT NULL AND (answered_entry_id IS NULL OR answered_entry_id <> match_entry_id)
    )`;
}

/** Per-entry traffic of the feedback records (`messages`), computed in SQL. */
export class EntryStatsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Counts for every entry with at least one question in `period`. */
  async counts(period: StatsPeriod): Promise<EntryCounts[]> {
    const { rows } = await sql<CountsRow>`
      WITH ${involvement(period)}
      SELECT entry_id,
        COUNT(*) AS questions,
        SUM(CASE WHEN answered_entry_id = entry_id THEN 1 ELSE 0 END) AS answered,
        SUM(CASE WHEN answered_entry_id = entry_id AND helpful IS NOT NULL THEN 1 ELSE 0 END) AS votes,
        SUM(CASE WHEN answered_entry_id = entry_id AND helpful = 1 THEN 1 ELSE 0 END) AS helpful
      FROM involved
      GROUP BY entry_id`.execute(this.db);
    return rows.map((r) => ({
      entryId: r.entry_id,
      questions: Number(r.questions),
      answered: Number(r.answered),
      votes: Number(r.votes),
      helpful: Number(r.helpful),
    }));
  }

  /** The `perEntry` newest questions of each entry in `period`, newest first within an entry. */
  async recentQuestions(period: StatsPeriod, perEntry: number): Promise<EntryQuestionRow[]> {
    const { rows } = await sql<QuestionRow>`
      WITH ${involvement(period)}
      SELECT entry_id, id, conversation_id, text, created_at, answered, helpful FROM (
        SELECT entry_id, id, conversation_id, text, created_at,
          CASE WHEN answered_entry_id = entry_id THEN 1 ELSE 0 END AS answered,
          -- A vote rates the answer that was served: it belongs to the entry that answered.
          CASE WHEN answered_entry_id = entry_id THEN helpful END AS helpful,
          ROW_NUMBER() OVER (PARTITION BY entry_id ORDER BY created_at DESC, id DESC) AS position
        FROM involved
      ) AS ranked
      WHERE position <= ${perEntry}
      ORDER BY entry_id, position`.execute(this.db);
    return rows.map((r) => ({
      entryId: r.entry_id,
      messageId: r.id,
      conversationId: r.conversation_id,
      text: r.text ?? '',
      at: r.created_at,
      answered: r.answered === 1,
      helpful: r.helpful === null ? null : r.helpful === 1,
    }));
  }
}
