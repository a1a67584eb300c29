import path from 'node:path';
import {
  type AnalysisKnowledge,
  COMPLAINTS_DIR,
  readAnalysisKnowledge,
  SENTIMENT_LEXICON_FILE,
} from '../analysis/analysis-knowledge.loader.ts';
import { readHealthScorecard } from '../health/health-scorecard.loader.ts';
import type { HealthScorecard } from '../health/health-scorecard.ts';
import { type LoadKnowledgeOptions, loadKnowledgeBase } from '../knowledge/files/knowledge.loader.ts';
import { isDirectory, KnowledgeFileReader } from '../knowledge/files/knowledge-file-reader.ts';
import { type KnowledgeProblem, KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';

/**
 * Everything admins keep in a knowledge folder, validated: the FAQ side (entries, wording,
 * out-of-scope examples) and what the message analyzer learns from (sentiment lexicon, complaint
 * examples and cues). `files` lists every file it was read from, as shown in problems.
 */
export interface KnowledgeFolder extends KnowledgeBase {
  readonly analysis: AnalysisKnowledge;
  /** The customer health scorecard (`health.yaml`, optional: the defaults without it). */
  readonly health: HealthScorecard;
}

/**
 * Loads and validates the whole knowledge folder `dir`: `faq/**`, `responses.yaml`,
 * `out-of-scope.yaml`, `sentiment/lexicon.yaml`, `complaints/**` and `health.yaml`, each file checked against its
 * JSON Schema through the one `KnowledgeFileReader`.
 *
 * @throws KnowledgeValidationError listing every problem in every file at once, each as
 * `file:LINE:COL: field: message`, sorted by file and position.
 */
export async function loadKnowledgeFolder(dir: string, options: LoadKnowledgeOptions = {}): Promise<KnowledgeFolder> {
  const reader = new KnowledgeFileReader(options);
  const root = path.resolve(dir);
  const [base, analysis, health] = await Promise.all([
    loadKnowledgeBase(root, options).then(
      (knowledgeBase) => ({ kind: 'valid', knowledgeBase }) as const,
      (error: unknown) => {
        if (error instanceof KnowledgeValidationError) return { kind: 'invalid', problems: error.details } as const;
        throw error;
      },
    ),
    readAnalysisKnowledge(root, reader),
    readHealthScorecard(root, reader),
  ]);
  if (base.kind === 'valid' && analysis.kind === 'valid' && health.kind === 'valid') {
    const examples = path.join(root, COMPLAINTS_DIR, 'examples');
    const analysisFiles = [
      path.join(root, SENTIMENT_LEXICON_FILE),
      path.join(root, COMPLAINTS_DIR, 'topic-cues.yaml'),
      path.join(root, COMPLAINTS_DIR, 'severity-cues.yaml'),
      ...(await reader.list(examples)),
    ];
    const healthFiles = health.value.file === null ? [] : [health.value.file];
    return {
      ...base.knowledgeBase,
      analysis: analysis.value,
      health: health.value.scorecard,
      files: [...base.knowledgeBase.files, ...[...analysisFiles, ...healthFiles].map((file) => reader.show(file))],
    };
  }
  // Without the folder itself, "file not found" for each analysis file would only repeat that.
  const folderMissing = !(await isDirectory(root));
  const problems: KnowledgeProblem[] = [
    ...(base.kind === 'invalid' ? base.problems : []),
    ...(analysis.kind === 'invalid' && !folderMissing ? analysis.problems : []),
    ...(health.kind === 'invalid' ? health.problems : []),
  ];
  throw new KnowledgeValidationError(problems);
}
