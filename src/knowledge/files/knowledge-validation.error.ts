import { ValidationError } from '../../shared/app.error.ts';

/**
 * One problem found in the knowledge files. `line`/`column` (1-based) are absent only for
 * problems about a whole file or folder (e.g. a missing file); `field` is the path inside the
 * file, e.g. `entries[2].questions`.
 */
export interface KnowledgeProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  readonly message: string;
}

/** `file:LINE:COL: field: message`, dropping the parts a problem does not have. */
function formatKnowledgeProblem(problem: KnowledgeProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return problem.field === undefined
    ? `${where}: ${problem.message}`
    : `${where}: ${problem.field}: ${problem.message}`;
}

function compareProblems(a: KnowledgeProblem, b: KnowledgeProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const byLine = (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  if (byLine !== 0) return byLine;
  const fa = formatKnowledgeProblem(a);
  const fb = formatKnowledgeProblem(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/**
 * The knowledge files are invalid. `problems` holds every problem at once, one formatted line
 * each (`knowledge/faq/orders.yaml:12:7: entries[2].questions: must have at least 1 item`),
 * sorted by file, then line and column, without duplicates; `details` holds the same problems
 * as structured values in the same order.
 */
export class KnowledgeValidationError extends ValidationError {
  readonly details: readonly KnowledgeProblem[];

  constructor(problems: readonly KnowledgeProblem[]) {
    const seen = new Set<string>();
    const details = [...problems].sort(compareProblems).filter((p) => {
      const key = formatKnowledgeProblem(p);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const count = details.length === 1 ? '1 problem' : `${details.length} problems`;
    super(`Knowledge files have ${count}`, details.map(formatKnowledgeProblem));
    this.details = details;
  }
}
