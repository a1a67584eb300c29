import { ValidationError } from '../shared/app-error.ts';

/** One or more analysis knowledge files are invalid; `problems` lists them all, with locations. */
export class AnalysisKnowledgeError extends ValidationError {
  constructor(problems: readonly string[]) {
    super('Invalid analysis knowledge (knowledge/sentiment, knowledge/complaints)', problems);
  }
}
