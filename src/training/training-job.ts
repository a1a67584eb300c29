import { createHash } from 'node:crypto';
import type { AnalysisKnowledge } from '../analysis/analysis-knowledge.loader.ts';
import { ANALYZER_MODEL_VERSION, MessageAnalyzer, type MessageAnalyzerSnapshot } from '../analysis/message-analyzer.ts';
import type { KnowledgeEntry } from '../knowledge/knowledge-entry.ts';
import {
  AnswerMatcher,
  type AnswerMatcherSnapshot,
  MATCHER_MODEL_VERSION,
} from '../knowledge/matching/answer-matcher.ts';

/** Bump when the cache key's recipe changes. */
const KEY_FORMAT = 1;

/** What to train: everything training reads, as plain data (it is posted to a worker). */
export type TrainingJob =
  | { readonly kind: 'matcher'; readonly entries: readonly KnowledgeEntry[]; readonly outOfScope: readonly string[] }
  | { readonly kind: 'analyzer'; readonly knowledge: AnalysisKnowledge };

/** The snapshot each kind of job produces. */
export interface TrainedSnapshots {
  readonly matcher: AnswerMatcherSnapshot;
  readonly analyzer: MessageAnalyzerSnapshot;
}

export type TrainingKind = TrainingJob['kind'];

/** The model version each kind of snapshot is trained and read with. */
export const MODEL_VERSIONS: Readonly<Record<TrainingKind, number>> = {
  matcher: MATCHER_MODEL_VERSION,
  analyzer: ANALYZER_MODEL_VERSION,
};

/** Trains what the job describes and returns it as a snapshot. Deterministic; CPU-bound for seconds to minutes. */
export function runTrainingJob(job: TrainingJob): TrainedSnapshots[TrainingKind] {
  if (job.kind === 'matcher')
    return AnswerMatcher.build({ entries: job.entries, outOfScope: job.outOfScope }).toSnapshot();
  return MessageAnalyzer.train(job.knowledge).toSnapshot();
}

/**
 * The cache key of a job: a SHA-256 of the kind, its model version and everything training reads
 * (entries, out-of-scope examples, lexicon, complaint examples and cues), so any change to the
 * knowledge or the model gives another key. Maps and Sets are written as entry lists, in order.
 */
export function trainingKey(job: TrainingJob, modelVersion: number = MODEL_VERSIONS[job.kind]): string {
  const text = JSON.stringify({ keyFormat: KEY_FORMAT, version: modelVersion, job }, (_key, value: unknown) => {
    if (value instanceof Map) return { map: [...value] };
    if (value instanceof Set) return { set: [...value] };
    return value;
  });
  return createHash('sha256').update(text).digest('hex');
}
