import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LoadKnowledgeOptions } from './knowledge.loader.ts';
import type { KnowledgeFileReader } from './knowledge-file-reader.ts';
import { type KnowledgeProblem, KnowledgeValidationError } from './knowledge-validation.error.ts';

/**
 * Loads and validates a whole knowledge folder, throwing `KnowledgeValidationError` as
 * `loadKnowledgeFolder` does; the app passes the trainer's (it runs in a worker thread).
 */
export type ValidateKnowledgeFolder = (dir: string, options: LoadKnowledgeOptions) => Promise<unknown>;

/**
 * The problems the knowledge folder `dir` would have if `file` (absolute, inside `dir`) held
 * `text`; empty when it would load. The folder's YAML files are copied to a private temporary
 * folder with the candidate text in place and loaded there by `validate`, so the check is exactly
 * the loader's (schemas, cross-file checks, the analysis files) and the real folder is never
 * touched. Problems name the real files, shown by `reader`.
 */
export async function problemsIfWritten(
  dir: string,
  file: string,
  text: string,
  reader: KnowledgeFileReader,
  validate: ValidateKnowledgeFolder,
): Promise<readonly KnowledgeProblem[]> {
  const root = path.resolve(dir);
  const stage = await mkdtemp(path.join(os.tmpdir(), 'answerdesk-kb-write-'));
  try {
    for (const source of await reader.list(root)) {
      if (source === file) continue;
      const target = path.join(stage, path.relative(root, source));
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(source, target);
    }
    const target = path.join(stage, path.relative(root, file));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    try {
      await validate(stage, { cwd: stage });
      return [];
    } catch (error) {
      if (!(error instanceof KnowledgeValidationError)) throw error;
      // Shown relative to the stage (its cwd): the same path below the real folder.
      return error.details.map((problem) => ({
        ...problem,
        file: path.isAbsolute(problem.file) ? problem.file : reader.show(path.join(root, problem.file)),
      }));
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
