import { AppError } from '../shared/app.error.ts';

/** Training a matcher or analyzer failed (an error in the training worker, or the worker died). */
export class KnowledgeTrainingError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('knowledge_training_failed', message, {
      ...options,
      userMessage: 'The knowledge base could not be trained.',
    });
  }
}
