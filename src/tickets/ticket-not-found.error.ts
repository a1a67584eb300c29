import { AppError } from '../shared/app.error.ts';

/** No ticket has this reference. The HTTP edge answers 404. */
export class TicketNotFoundError extends AppError {
  constructor(readonly reference: string) {
    super('ticket_not_found', `There is no ticket ${reference}.`);
  }
}
