import { ValidationError } from '../shared/app-error.ts';

/** A file under `knowledge/complaints/` is invalid; `problems` are `file:line:column: field: message`. */
export class ComplaintKnowledgeError extends ValidationError {
  constructor(problems: readonly string[]) {
    super('Invalid complaint knowledge', problems);
  }
}
