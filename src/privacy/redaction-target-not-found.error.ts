import { AppError } from '../shared/app.error.ts';

/** The ticket, or the message within its conversation, that a redaction names does not exist. The HTTP edge answers 404. */
export class RedactionTargetNotFoundError extends AppError {
  constructor(
    readonly target: 'ticket' | 'message',
    message: string,
  ) {
    super(`${target}_not_found`, message);
  }
}
