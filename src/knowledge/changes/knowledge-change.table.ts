import type { Generated } from 'kysely';
import type { KnowledgeChangeKind } from './knowledge-change.ts';

/** Row of `knowledge_changes` (migration 010); `phrasings` is a JSON array of strings. */
export interface KnowledgeChangeTable {
  id: Generated<number>;
  actor_agent_id: number;
  change_kind: KnowledgeChangeKind;
  file: string;
  line: number;
  entry_id: string | null;
  phrasings: string;
  suggestion_id: string | null;
  created_at: string;
}
