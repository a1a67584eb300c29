/** What a write-back did to the knowledge files. */
const KNOWLEDGE_CHANGE_KINDS = ['add-phrasings', 'new-entry', 'out-of-scope'] as const;
export type KnowledgeChangeKind = (typeof KNOWLEDGE_CHANGE_KINDS)[number];

/** One recorded change to the knowledge files: who, what, where and when. */
export interface KnowledgeChange {
  readonly id: number;
  readonly actorAgentId: number;
  readonly kind: KnowledgeChangeKind;
  /** As the loader shows files, e.g. `knowledge/faq/orders.yaml`. */
  readonly file: string;
  readonly line: number;
  /** The entry written into (or created); null for out-of-scope examples. */
  readonly entryId: string | null;
  readonly phrasings: readonly string[];
  /** The inbox suggestion the change came from, when it did. */
  readonly suggestionId: string | null;
  readonly createdAt: string;
}

/** A change to record: everything but the id. */
export type NewKnowledgeChange = Omit<KnowledgeChange, 'id'>;
