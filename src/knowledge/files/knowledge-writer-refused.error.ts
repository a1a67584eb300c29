import { ValidationError } from '../../shared/app.error.ts';
import type { KnowledgeProblem } from './knowledge-validation.error.ts';
import { KnowledgeValidationError } from './knowledge-validation.error.ts';

/**
 * A write that would leave the knowledge folder invalid. `problems` are the loader's own, one line
 * each (`knowledge/faq/orders.yaml:12:7: entries[2].id: …`), naming the real files; nothing was written.
 */
export class KnowledgeWriteRefusedError extends ValidationError {
  readonly details: readonly KnowledgeProblem[];

  constructor(file: string, problems: readonly KnowledgeProblem[]) {
    const sorted = new KnowledgeValidationError(problems);
    super(`Writing ${file} would make the knowledge invalid, so nothing was written`, sorted.problems);
    this.details = sorted.details;
  }
}
