import { AppError } from '../shared/app.error.ts';

/**
 * An update quoted a version of the ticket that is no longer current: someone else changed it in
 * the meantime. The HTTP edge answers 409; the client should reload and retry.
 */
export class ConflictError extends AppError {
  constructor(
    readonly reference: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      'version_conflict',
      `Ticket ${reference} was changed by someone else: you sent version ${expectedVersion}, the current version is ${currentVersion}. Reload the ticket and try again.`,
    );
  }
}
