import type { LoadKnowledgeOptions } from '../knowledge/files/knowledge.loader.ts';
import type { KnowledgeProblem } from '../knowledge/files/knowledge-validation.error.ts';
import type { KnowledgeFolder } from './knowledge-folder.loader.ts';
import type { TrainedSnapshots, TrainingJob, TrainingKind } from './training-job.ts';

/** What a worker is started to do (its `workerData`). */
export type WorkerTask =
  | { readonly task: 'train'; readonly job: TrainingJob; readonly cacheDir: string | null; readonly key: string }
  | { readonly task: 'load'; readonly dir: string; readonly options: LoadKnowledgeOptions };

/** The one message a worker posts back. */
export type WorkerReply =
  | {
      readonly kind: 'trained';
      readonly snapshot: TrainedSnapshots[TrainingKind];
      readonly trainingMs: number;
      /** Why the snapshot could not be cached (training itself succeeded), or `null`. */
      readonly cacheError: string | null;
    }
  | { readonly kind: 'loaded'; readonly knowledgeFolder: KnowledgeFolder }
  /** The knowledge files are invalid: the problems of the `KnowledgeValidationError`. */
  | { readonly kind: 'invalid'; readonly problems: readonly KnowledgeProblem[] }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string; readonly stack: string };
