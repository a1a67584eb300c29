import { AppError } from '../../shared/app.error.ts';

/** The write-back was asked to add phrasings to an entry no FAQ file has. Nothing was written. */
export class KnowledgeEntryNotFoundError extends AppError {
  constructor(
    readonly entryId: string,
    guess: string | undefined,
  ) {
    super(
      'entry_not_found',
      `No FAQ entry has the id "${entryId}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}. Nothing was written.`,
    );
  }
}
