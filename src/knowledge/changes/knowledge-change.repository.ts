import type { Selectable } from 'kysely';
import type { Db } from '../../store/database.ts';
import type { KnowledgeChangeTable } from './knowledge-change.table.ts';
import type { KnowledgeChange, NewKnowledgeChange } from './knowledge-change.ts';

function rowToChange(row: Selectable<KnowledgeChangeTable>): KnowledgeChange {
  const phrasings: unknown = JSON.parse(row.phrasings);
  return {
    id: row.id,
    actorAgentId: row.actor_agent_id,
    kind: row.change_kind,
    file: row.file,
    line: row.line,
    entryId: row.entry_id,
    phrasings: Array.isArray(phrasings) ? phrasings.filter((p): p is string => typeof p === 'string') : [],
    suggestionId: row.suggestion_id,
    createdAt: row.created_at,
  };
}

/** The only place that reads and writes `knowledge_changes`: the audit trail of the write-back. */
export class KnowledgeChangeRepository {
  constructor(private readonly db: Db) {}

  async insert(change: NewKnowledgeChange): Promise<KnowledgeChange> {
    const row = await this.db
      .insertInto('knowledge_changes')
      .values({
        actor_agent_id: change.actorAgentId,
        change_kind: change.kind,
        file: change.file,
        line: change.line,
        entry_id: change.entryId,
        phrasings: JSON.stringify(change.phrasings),
        suggestion_id: change.suggestionId,
        created_at: change.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToChange(row);
  }

  /** The latest changes, newest first. */
  async recent(limit: number): Promise<KnowledgeChange[]> {
    const rows = await this.db
      .selectFrom('knowledge_changes')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(rowToChange);
  }
}
