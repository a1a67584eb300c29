/**
 * One answer in the knowledge base, as an admin wrote it in a YAML file under `knowledge/faq/`.
 * The loader guarantees every field is present and valid before anything else sees an entry.
 */
export interface KnowledgeEntry {
  /** Stable, unique id (kebab-case), used by follow-ups, feedback records and tickets. */
  readonly id: string;
  /** Short human title, shown in "did you mean…?" suggestions. */
  readonly title: string;
  /** Phrasings customers use for this topic; the matcher trains on them. */
  readonly questions: readonly string[];
  /** The answer, in Markdown. */
  readonly answer: string;
  readonly tags: readonly string[];
  /** Ids of entries to suggest after this answer. */
  readonly followUps: readonly string[];
  /** Always hand this topic to a human. */
  readonly escalate: boolean;
  readonly enabled: boolean;
}
