import type { Generated } from 'kysely';

/** Row of `suggestion_decisions`: one phrasing an admin accepted or dismissed from the misses inbox. */
export interface SuggestionDecisionTable {
  id: Generated<number>;
  /** The phrasing's normalised text (`phrasingKey`): what "never suggested again" compares. */
  phrasing_key: string;
  /** The phrasing as the admin saw it. */
  phrasing: string;
  suggestion_id: string;
  /** `accepted | dismissed` */
  decision: string;
  /** Where an accepted phrasing went; null for out of scope and dismissals. */
  entry_id: string | null;
  /** 1 when accepted as out of scope. */
  out_of_scope: Generated<number>;
  actor_agent_id: number;
  decided_at: string;
}
